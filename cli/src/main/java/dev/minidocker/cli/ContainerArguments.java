package dev.minidocker.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code run} and {@code create} take: the container's flags, how to get the image, the image and the command. */
final class ContainerArguments {
    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    ContainerFlags flags = new ContainerFlags();

    @Mixin
    ImageFlags image = new ImageFlags();

    @Parameters(index = "0", paramLabel = "IMAGE")
    String imageName;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments (replace the image's CMD).")
    List<String> command = new ArrayList<>();
}
