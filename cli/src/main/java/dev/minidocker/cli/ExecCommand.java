package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.ExecOptions;
import dev.minidocker.launcher.ExecRun;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.ShimCommand;
import dev.minidocker.launcher.tty.PtyRelay;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker exec}: a command in a running container, as Docker's; its exit status is the
 * command's: 126 when it could not be started, 127 when it was not found.
 */
final class ExecCommand implements CodedCommand {
    /** Docker's status for an exec that could not be started. */
    private static final int NOT_STARTED = 126;

    boolean detach;
    final ProcessFlags process = new ProcessFlags();
    String container;
    final List<String> command = new ArrayList<>();

    /** Its model, with the process flags of run's; everything after the container is the command's, flags too. */
    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "exec", "Execute a command in a running container.");
        spec.parser().stopAtPositional(true);
        spec.addOption(flag("Detached mode: run the command in the background.", v -> detach = v, "-d", "--detach"));
        process.addTo(spec);
        spec.addPositional(positional("0", "CONTAINER", null, v -> container = v));
        spec.addPositional(positionals("1..*", "1..*", "COMMAND", "The command and its arguments.",
                command));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, StoreException, InterruptedException {
        if (process.tty && process.interactive && !detach) {
            try {
                PtyRelay.requireTerminalInput();
            } catch (LaunchException e) {
                throw new CliException(e.getMessage());
            }
        }
        List<String> env = process.environment();
        ContainerRecord record = context.container(container);
        if (!Lifecycle.running(record)) {
            throw new CliException("container " + record.id() + " is not running");
        }
        try {
            if (context.paused(record)) {
                // Its process would join a frozen cgroup and hang there.
                throw new CliException("Container " + record.id() + " is paused, unpause the container before exec");
            }
            Starter starter = context.starter(false);
            Path helper = ShimCommand.beside(Starter.class).lib().resolve(ExecRun.HELPER);
            return new ExecRun(starter, context.lifecycle(), Syscalls.system(), helper)
                    .run(record, new ExecOptions(command, env, process.user, process.workdir,
                            process.interactive, process.tty, detach));
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), NOT_STARTED);
        }
    }
}
