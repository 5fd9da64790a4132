package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Launcher;
import dev.minidocker.launcher.RunOptions;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker create}: {@code run}'s flags, but the container is only made; prints its full id. */
@Command(name = "create", description = "Create a new container.")
final class CreateCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

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

    @Override
    public Integer call() throws CliException {
        Context context = parent.context();
        try {
            RunOptions options = flags.toOptions(command);
            ImageRecord img = image.resolve(context, imageName);
            Launcher launcher = context.launcher(options.explain());
            context.out.println(launcher.create(new Launcher.FromImage(imageName, img), options).id());
            return ExitCodes.OK;
        } catch (LaunchException | StoreException | PullException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        } catch (CliException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
    }
}
