package dev.minidocker.cli;

import dev.minidocker.launcher.ExecOptions;
import dev.minidocker.launcher.ExecRun;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Launcher;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.ShimCommand;
import dev.minidocker.launcher.tty.PtyRelay;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker exec}: a command in a running container, as Docker's; its exit status is the
 * command's: 126 when it could not be started, 127 when it was not found.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Execute a command in a running container.")
final class ExecCommand implements Callable<Integer> {
    /** Docker's status for an exec that could not be started. */
    private static final int NOT_STARTED = 126;

    @ParentCommand
    ContextSource parent;

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run the command in the background.")
    boolean detach;

    @Mixin
    ProcessFlags process = new ProcessFlags();

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command;

    @Override
    public Integer call() throws CliException, StoreException, InterruptedException {
        Context context = parent.context();
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
            Launcher launcher = context.launcher(false);
            Path helper = ShimCommand.beside(Launcher.class).lib().resolve(ExecRun.HELPER);
            return new ExecRun(launcher, context.lifecycle(), Syscalls.system(), helper)
                    .run(record, new ExecOptions(command, env, process.user, process.workdir,
                            process.interactive, process.tty, detach));
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), NOT_STARTED);
        }
    }
}
