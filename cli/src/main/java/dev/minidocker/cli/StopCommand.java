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

/** {@code minidocker stop}: the stop signal (the image's StopSignal, else SIGTERM), SIGKILL after the grace period. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop one or more running containers.")
final class StopCommand implements Callable<Integer> {
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
        return EachContainer.run(context, containers, (name, c) -> lifecycle.stop(c, grace));
    }
}
