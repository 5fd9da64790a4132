package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker restart}: {@code stop}, then {@code start} in the background. The container
 * keeps its id, record and upper dir, so what it wrote before is still there.
 */
final class RestartCommand implements CodedCommand {
    final StopTimeout timeout = new StopTimeout();
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "restart", "Restart one or more containers.");
        timeout.addTo(spec);
        spec.addPositional(positionals("0..*", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, InterruptedException {
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
