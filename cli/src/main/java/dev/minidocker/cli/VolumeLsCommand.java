package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.repeated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.volume.VolumeService;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.volume.VolumeRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker volume ls}: Docker's columns, names only with {@code -q}, Docker's filters and {@code --format}. */
final class VolumeLsCommand implements CodedCommand {
    boolean quiet;
    final List<String> filters = new ArrayList<>();
    final FormatOption format = new FormatOption();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "ls", "List volumes.");
        spec.addOption(flag("Only display volume names.", v -> quiet = v, "-q", "--quiet"));
        spec.addOption(repeated(String.class, "KEY=VALUE",
                "Filter: name=PART, label=KEY[=VALUE], dangling=true|false, driver=local.", filters, "-f", "--filter"));
        format.addTo(spec);
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException {
        Map<String, List<String>> wanted = parse(filters);
        VolumeService volumes = context.volumes();
        Map<String, List<String>> users = volumes.users();
        GoTemplate template = quiet || format.isTable() ? null : format.template();
        Table table = new Table("DRIVER", "VOLUME NAME");
        for (VolumeRecord v : volumes.list()) {
            int links = users.getOrDefault(v.name(), List.of()).size();
            if (!matches(v, links, wanted)) {
                continue;
            }
            if (quiet) {
                context.out.println(v.name());
            } else if (template != null) {
                ObjectNode row = VolumeJson.row(v, volumes.data(v.name()), links);
                context.out.println(template.apply(row));
            } else {
                table.add("local", v.name());
            }
        }
        if (!quiet && template == null) {
            table.print(context.out);
        }
        return ExitCodes.OK;
    }

    private static Map<String, List<String>> parse(List<String> filters) throws CliException {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            if (eq < 0 || !List.of("name", "label", "dangling", "driver").contains(key)) {
                throw new CliException("invalid filter '" + f + "'");
            }
            String value = f.substring(eq + 1);
            if (key.equals("dangling") && !List.of("true", "false", "1", "0").contains(value)) {
                throw new CliException("invalid filter 'dangling=" + value + "'");
            }
            wanted.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return wanted;
    }

    /** Docker's rule: values of one key are alternatives, different keys must all match. */
    static boolean matches(VolumeRecord v, int links, Map<String, List<String>> wanted) {
        for (Map.Entry<String, List<String>> f : wanted.entrySet()) {
            boolean any = f.getValue().stream().anyMatch(value -> switch (f.getKey()) {
                case "name" -> v.name().contains(value);
                case "driver" -> value.equals("local");
                case "dangling" -> (links == 0) == (value.equals("true") || value.equals("1"));
                default -> hasLabel(v, value);
            });
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** {@code KEY} (any value) or {@code KEY=VALUE}, as Docker's label filters read them. */
    static boolean hasLabel(VolumeRecord v, String label) {
        int eq = label.indexOf('=');
        return eq < 0 ? v.labels().containsKey(label) : label.substring(eq + 1).equals(v.labels().get(label.substring(0,
                eq)));
    }
}
