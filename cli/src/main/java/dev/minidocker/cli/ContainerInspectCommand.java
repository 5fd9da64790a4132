package dev.minidocker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker inspect}: a JSON array with Docker's field names, or {@code --format} applied to each. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Display detailed information on one or more containers.")
final class ContainerInspectCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE",
            description = "A template of {{.Field.Field}} paths, e.g. '{{.State.Status}}'.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws StoreException, LaunchException, CliException, IOException {
        Context context = parent.context();
        GoTemplate template = format == null ? null : GoTemplate.parse(format);
        Starter starter = context.starter(false);
        Lifecycle lifecycle = context.lifecycle();
        ArrayNode found = DockerJson.mapper().createArrayNode();
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
            context.out.println(DockerJson.mapper().writeValueAsString(found));
        } else {
            for (JsonNode c : found) {
                context.out.println(template.apply(c));
            }
        }
        return status;
    }
}
