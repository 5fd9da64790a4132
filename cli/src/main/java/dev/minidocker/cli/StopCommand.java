package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker stop}: the stop signal (the image's StopSignal, else SIGTERM), SIGKILL after the grace period. */
final class StopCommand implements CodedCommand {
    final StopTimeout timeout = new StopTimeout();
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "stop", "Stop one or more running containers.");
        timeout.addTo(spec);
        spec.addPositional(positionals("0..*", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, InterruptedException {
        Lifecycle lifecycle = context.lifecycle();
        Duration grace = timeout.grace();
        return EachContainer.run(context, containers, (name, c) -> lifecycle.stop(c, grace));
    }
}
