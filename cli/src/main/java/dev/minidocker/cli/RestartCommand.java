package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker restart}: {@code stop}, then {@code start} in the background. The container
 * keeps its id, record and upper dir, so what it wrote before is still there.
 */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart one or more containers.")
final class RestartCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Mixin
    StopTimeout timeout = new StopTimeout();

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws StoreException, LaunchException, InterruptedException {
        Context context = parent.context();
        Lifecycle lifecycle = context.lifecycle();
        Duration grace = timeout.grace();
        return EachContainer.run(context, containers, (name, c) -> {
            var stopped = lifecycle.stop(c, grace);
            if (stopped == null) {
                throw new LaunchException("restart " + name + ": the container was removed when it stopped (--rm)");
            }
            lifecycle.startDetached(stopped);
        });
    }
}
