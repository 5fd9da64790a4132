package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.plan.RunOptions;
import dev.minidocker.launcher.plan.Source;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.StoreException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker create}: {@code run}'s flags, but the container is only made; prints its full id. */
final class CreateCommand implements CodedCommand {
    final ContainerArguments args = new ContainerArguments();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = ContainerArguments.command(this, "create", "Create a new container.");
        args.addTo(spec);
        return spec;
    }

    @Override
    public int call(Context context) throws CliException {
        try {
            RunOptions options = args.flags.toOptions(args.command);
            Starter starter = context.starter(options.explain());
            context.out.println(starter.create(() -> image(context), options).id());
            return ExitCodes.OK;
        } catch (LaunchException | StoreException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        } catch (CliException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
    }

    /** The image, pulled first as --pull says, while the container is being created: nothing removes it meanwhile. */
    private Source image(Context context) throws LaunchException {
        try {
            return new Source.Image(args.imageName, args.image.resolve(context, args.imageName));
        } catch (CliException | StoreException | PullException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }
}
