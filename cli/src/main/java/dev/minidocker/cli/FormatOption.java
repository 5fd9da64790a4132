package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.value;

import picocli.CommandLine.Model.CommandSpec;

/** {@code --format} of the commands that list objects: Docker's table, JSON lines, or a template for each. */
final class FormatOption {
    String format = "table";

    /** This option in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        spec.addOption(value(String.class, "FORMAT",
                "'table' (default), 'json' (one object per line), or a template such as '{{.ID}}'.", v -> format = v,
                "--format"));
    }

    boolean isTable() {
        return format.equals("table");
    }

    /** What each object is printed with: {@code json} is Docker's {@code {{json .}}}. */
    GoTemplate template() throws CliException {
        return GoTemplate.parse(format.equals("json") ? "{{json .}}" : format);
    }
}
