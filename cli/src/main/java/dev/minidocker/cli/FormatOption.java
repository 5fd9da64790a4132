package dev.minidocker.cli;

import picocli.CommandLine.Option;

/** {@code --format} of the commands that list objects: Docker's table, JSON lines, or a template for each. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "'table' (default), 'json' (one object per line), or a template such as '{{.ID}}'.")
    String format = "table";

    boolean isTable() {
        return format.equals("table");
    }

    /** What each object is printed with: {@code json} is Docker's {@code {{json .}}}. */
    GoTemplate template() throws CliException {
        return GoTemplate.parse(format.equals("json") ? "{{json .}}" : format);
    }
}
