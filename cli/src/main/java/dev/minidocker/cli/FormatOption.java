package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --format} of the commands that list objects, as Docker's: {@code table} (the default
 * columns), {@code json} (one object per line), {@code table TEMPLATE} (a table of the template's
 * tab-separated cells under the titles of its fields), or a template printed for each object.
 */
final class FormatOption {
    private static final String TABLE = "table";

    String format = TABLE;

    /**
     * How a list prints: Docker's Go type of its rows (for errors), each field's column title in
     * the default table's order, and how many of them that table shows.
     */
    record Layout(String type, Map<String, String> titles, List<String> columns) {
        /** Fields and their titles, in pairs ({@code "ID", "CONTAINER ID", ...}), in the table's order. */
        static Map<String, String> titles(String... pairs) {
            Map<String, String> titles = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                titles.put(pairs[i], pairs[i + 1]);
            }
            return titles;
        }
    }

    /** This option in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        spec.addOption(value(String.class, "FORMAT",
                "'table' (default), 'table TEMPLATE', 'json' (one object per line), or a Go template such as "
                        + "'{{.ID}}'.", v -> format = v, "--format"));
    }

    boolean isTable() {
        return format.isBlank() || format.equals(TABLE);
    }

    /** {@code rows} as the format asks. */
    void print(PrintStream out, Layout layout, List<? extends JsonNode> rows) throws CliException {
        if (isTable()) {
            Table table = new Table(layout.columns().stream().map(layout.titles()::get).toArray(String[]::new));
            String[] fields = layout.columns().toArray(String[]::new);
            rows.forEach(r -> table.addFields(r, fields));
            table.print(out);
        } else if (format.startsWith(TABLE)) {
            GoTemplate template = GoTemplate.parseRow(format.substring(TABLE.length()));
            ObjectNode titles = DockerJson.object();
            layout.titles().forEach(titles::put);
            StringBuilder text = new StringBuilder(template.header(titles)).append('\n');
            for (JsonNode r : rows) {
                text.append(template.apply(r, layout.type())).append('\n');
            }
            Table.printTabbed(text.toString(), out);
        } else {
            GoTemplate template = GoTemplate.ofFormat(format);
            for (JsonNode r : rows) {
                out.println(template.apply(r, layout.type()));
            }
        }
    }

    /** A template for a single object (system df's {@code -v}), {@code json} being Docker's {@code {{json .}}}. */
    GoTemplate template() throws CliException {
        return GoTemplate.ofFormat(format);
    }
}
