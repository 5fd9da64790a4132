package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.positionals;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code run} and {@code create} take: the container's flags, how to get the image, the image and the command. */
final class ContainerArguments {
    ContainerFlags flags = new ContainerFlags();
    ImageFlags image = new ImageFlags();
    String imageName;
    List<String> command = new ArrayList<>();

    /** These arguments, with --help, in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        CodedOptions.helpOptions(spec, false, false);
        flags.addTo(spec);
        image.addTo(spec);
        spec.addPositional(positional("0", "IMAGE", v -> imageName = v));
        spec.addPositional(positionals("1..*", "0..*", "COMMAND", "Command and arguments (replace the image's CMD).",
                v -> command = v));
    }
}
