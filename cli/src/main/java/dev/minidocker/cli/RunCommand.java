package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;

import dev.minidocker.launcher.ForegroundRun;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.plan.RunOptions;
import dev.minidocker.launcher.plan.Source;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.StoreException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker run}: pulls the image when absent, creates the container and runs it attached;
 * the exit status is the container's, or 125 when minidocker itself failed.
 */
final class RunCommand implements CodedCommand {
    final ContainerArguments args = new ContainerArguments();
    boolean detach;
    boolean dryRun;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = ContainerArguments.command(this, "run", "Create and run a new container from an image.");
        args.addTo(spec);
        spec.addOption(flag("Run the container in the background and print its id.", v -> detach = v,
                "-d", "--detach"));
        spec.addOption(flag("Print the container's runtime spec (an OCI config.json) and run nothing.",
                v -> dryRun = v, "--dry-run"));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, InterruptedException {
        if (!detach && args.flags.process.tty && args.flags.process.interactive) {
            try {
                // Before anything is pulled or created, as Docker's CLI checks it; its refusal is a
                // plain error there (exit 1), not one of run's own (125).
                dev.minidocker.launcher.tty.PtyRelay.requireTerminalInput();
            } catch (LaunchException e) {
                throw new CliException(e.getMessage());
            }
        }
        try {
            RunOptions options = args.flags.toOptions(args.command);
            if (dryRun) {
                return DryRun.print(context, image(context), options);
            }
            Starter starter = context.starter(options.explain());
            // The monitor (and the shim's JVM) start first; the image is found, or pulled, meanwhile.
            if (detach) {
                return DetachedRun.run(context, starter, () -> image(context), options);
            }
            return new ForegroundRun(starter, Syscalls.system(), context.err).run(() -> image(context), options,
                    context.earlyStart());
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), e.exitStatus());
        } catch (StoreException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        } catch (CliException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
    }

    /** The image, pulled first as --pull says; a failure is the launcher's (exit 125). */
    private Source image(Context context) throws LaunchException {
        try {
            return new Source.Image(args.imageName, args.image.resolve(context, args.imageName));
        } catch (CliException | StoreException | PullException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }
}
