package dev.minidocker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker image ...}: the image management commands, grouped as Docker groups them. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Manage images.",
        subcommands = {PullCommand.class, ImageInspectCommand.class, ImagePruneCommand.class,
            ImageMountCommand.class, ImageUnmountCommand.class})
final class ImageCommand implements ContextSource {
    /** Docker's names inside {@code image}: {@code image ls} is {@code images}, {@code image rm} is {@code rmi}. */
    static void addDockerNames(CommandLine image) {
        image.addSubcommand("ls", new CommandLine(new ImagesCommand()), "list");
        image.addSubcommand("rm", new CommandLine(new RmiCommand()), "remove");
    }

    @ParentCommand
    Main main;

    @Override
    public Context context() {
        return main.context();
    }
}
