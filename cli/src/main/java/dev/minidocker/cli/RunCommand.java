package dev.minidocker.cli;

import dev.minidocker.launcher.ForegroundRun;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Launcher;
import dev.minidocker.launcher.RunOptions;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.oci.OciJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker run}: pulls the image when absent, creates the container and runs it attached;
 * the exit status is the container's, or 125 when minidocker itself failed.
 */
@Command(name = "run", description = "Create and run a new container from an image.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    ContainerFlags flags = new ContainerFlags();

    @Mixin
    ImageFlags image = new ImageFlags();

    @Option(names = "--dry-run", description = "Print the container's runtime spec (an OCI config.json) and run nothing.")
    boolean dryRun;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String imageName;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments (replace the image's CMD).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws CliException, InterruptedException {
        Context context = parent.context();
        try {
            RunOptions options = flags.toOptions(command);
            if (options.tty() && options.interactive()) {
                // Before anything is pulled or created, as Docker's CLI checks it.
                dev.minidocker.launcher.tty.PtyRelay.requireTerminalInput();
            }
            ImageRecord img = image.resolve(context, imageName);
            Launcher launcher = context.launcher(options.explain());
            Launcher.Source source = new Launcher.FromImage(imageName, img);
            if (dryRun) {
                context.out.println(new String(OciJson.write(launcher.dryRun(source, options)),
                        java.nio.charset.StandardCharsets.UTF_8));
                return ExitCodes.OK;
            }
            return new ForegroundRun(launcher, Syscalls.system(), context.err).run(source, options);
        } catch (LaunchException | StoreException | PullException | java.io.IOException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        } catch (CliException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
    }
}
