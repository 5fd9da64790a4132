package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.Signals;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker kill}: a signal (SIGKILL by default) to each container's process 1. */
final class KillCommand implements CodedCommand {
    String signal = "KILL";
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "kill", "Kill one or more running containers.");
        spec.addOption(value(String.class, "SIGNAL", "Signal to send, by name or number (default KILL).",
                v -> signal = v, "-s", "--signal"));
        spec.addPositional(positionals("0..*", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, StoreException, LaunchException, InterruptedException {
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
