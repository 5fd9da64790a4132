package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positionals;
import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.Lifecycle;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker container inspect}: a JSON array with Docker's field names, or {@code --format}
 * applied to each. The top-level {@code inspect} takes an image too where no container has the
 * name, as Docker's does.
 */
final class ContainerInspectCommand implements CodedCommand {
    private final boolean images;
    String format;
    boolean size;
    final List<String> containers = new ArrayList<>();

    /** {@code images}: a name no container has may be an image's (the top-level {@code inspect}). */
    ContainerInspectCommand(boolean images) {
        this.images = images;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "inspect", "Display detailed information on one or more containers.");
        spec.addOption(value(String.class, "TEMPLATE", "A Go template, e.g. '{{.State.Status}}' or '{{json .Config}}'.",
                v -> format = v, "-f", "--format"));
        spec.addOption(flag("Display total file sizes (SizeRw, SizeRootFs).", v -> size = v, "-s", "--size"));
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
                found.add(object(context, starter, lifecycle, name));
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

    /** Docker's JSON of {@code c}; with {@code -s}, what its layer holds (SizeRw) and that with its image's (SizeRootFs). */
    private JsonNode container(Context context, Starter starter, Lifecycle lifecycle, ContainerRecord c)
            throws StoreException, LaunchException {
        ObjectNode node = ContainerJson.of(starter, lifecycle, c);
        if (size) {
            long written = DiskUsage.sizeOf(starter.dirs(c.id()).upper());
            node.put("SizeRw", written);
            node.put("SizeRootFs", written + context.imageSize(c));
        }
        return node;
    }

    private JsonNode object(Context context, Starter starter, Lifecycle lifecycle, String name)
            throws StoreException, LaunchException, CliException, IOException {
        if (!images) {
            return container(context, starter, lifecycle, context.container(name));
        }
        var container = context.store().containers().find(name);
        if (container.isPresent()) {
            return container(context, starter, lifecycle, container.get());
        }
        var image = context.store().findImage(name);
        if (image.isPresent()) {
            return ImageInspectCommand.inspect(context.store(), image.get());
        }
        throw new CliException("No such object: " + name);
    }
}
