package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;
import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker inspect}: a JSON array with Docker's field names, or {@code --format} applied to each. */
final class ContainerInspectCommand implements CodedCommand {
    String format;
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "inspect", "Display detailed information on one or more containers.");
        spec.addOption(value(String.class, "TEMPLATE", "A template of {{.Field.Field}} paths, e.g. '{{.State.Status}}'.",
                v -> format = v, "-f", "--format"));
        spec.addPositional(positionals("0..*", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, CliException, IOException {
        GoTemplate template = format == null ? null : GoTemplate.parse(format);
        Starter starter = context.starter(false);
        Lifecycle lifecycle = context.lifecycle();
        ArrayNode found = DockerJson.array();
        int status = ExitCodes.OK;
        for (String name : containers) {
            try {
                found.add(ContainerJson.of(starter, lifecycle, context.container(name)));
            } catch (CliException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        if (template == null) {
            context.out.println(DockerJson.indented(found));
        } else {
            for (JsonNode c : found) {
                context.out.println(template.apply(c));
            }
        }
        return status;
    }
}
