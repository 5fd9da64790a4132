package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Launcher;
import dev.minidocker.launcher.RunOptions;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker create}: {@code run}'s flags, but the container is only made; prints its full id. */
final class CreateCommand implements Callable<Integer> {
    private final ContextSource parent;
    final ContainerArguments args = new ContainerArguments();

    CreateCommand(ContextSource parent) {
        this.parent = parent;
    }

    /** Its picocli model, declared in code (see {@link CodedOptions}). */
    CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "create", "Create a new container.");
        args.addTo(spec);
        return spec;
    }

    @Override
    public Integer call() throws CliException {
        Context context = parent.context();
        try {
            RunOptions options = args.flags.toOptions(args.command);
            ImageRecord img = args.image.resolve(context, args.imageName);
            Launcher launcher = context.launcher(options.explain());
            context.out.println(launcher.create(new Launcher.FromImage(args.imageName, img), options).id());
            return ExitCodes.OK;
        } catch (LaunchException | StoreException | PullException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        } catch (CliException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
    }
}
