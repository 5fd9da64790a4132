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
    final List<String> command = new ArrayList<>();

    /**
     * The model of a command taking these arguments ({@code run}, {@code create}; see {@link CodedOptions}):
     * help is only {@code --help}, as {@code -h} is {@code --hostname}, and everything after the image
     * is the container's command, flags too.
     */
    static CommandSpec command(Object userObject, String name, String description) {
        CommandSpec spec = CodedOptions.command(userObject, name, description, "--help");
        spec.parser().stopAtPositional(true);
        return spec;
    }

    /** These arguments in {@code spec}. */
    void addTo(CommandSpec spec) {
        flags.addTo(spec);
        image.addTo(spec);
        spec.addPositional(positional("0", "IMAGE", null, v -> imageName = v));
        spec.addPositional(positionals("1..*", "0..*", "COMMAND", "Command and arguments (replace the image's CMD).",
                command));
    }
}
