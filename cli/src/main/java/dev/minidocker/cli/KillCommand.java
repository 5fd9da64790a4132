package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.Signals;
import dev.minidocker.store.StoreException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker kill}: a signal (SIGKILL by default) to each container's process 1. */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Kill one or more running containers.")
final class KillCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "KILL",
            description = "Signal to send, by name or number (default KILL).")
    String signal;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws CliException, StoreException, LaunchException, InterruptedException {
        Context context = parent.context();
        int number;
        try {
            number = Signals.parse(signal);
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), ExitCodes.FAILURE);
        }
        Lifecycle lifecycle = context.lifecycle();
        return EachContainer.run(context, containers, (name, c) -> {
            if (!Lifecycle.running(c)) {
                throw new CliException("Container " + name + " is not running");
            }
            lifecycle.signal(c, number);
        });
    }
}
