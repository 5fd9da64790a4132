package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;
import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.volume.VolumeService;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker volume inspect}: Docker's JSON for each volume, or {@code --format} applied to each. */
final class VolumeInspectCommand implements CodedCommand {
    String format;
    final List<String> names = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "inspect", "Display detailed information on one or more volumes.");
        spec.addOption(value(String.class, "TEMPLATE", "A template such as '{{.Mountpoint}}'.", v -> format = v,
                "-f", "--format"));
        spec.addPositional(positionals("0..*", "1..*", "VOLUME", null, names));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException {
        GoTemplate template = format == null ? null : GoTemplate.parse(format);
        VolumeService volumes = context.volumes();
        ArrayNode found = DockerJson.array();
        int status = ExitCodes.OK;
        for (String name : names) {
            try {
                found.add(VolumeJson.of(volumes.find(name), volumes.data(name)));
            } catch (LaunchException e) {
                context.err.println("minidocker: No such volume: " + name);
                status = ExitCodes.FAILURE;
            }
        }
        if (template == null) {
            context.out.println(DockerJson.indented(found));
        } else {
            for (JsonNode n : found) {
                context.out.println(template.apply(n));
            }
        }
        return status;
    }
}
