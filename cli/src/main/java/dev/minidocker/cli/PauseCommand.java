package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker pause|unpause CONTAINER...}: every process of each container frozen or thawed by
 * the cgroup freezer (v2 {@code cgroup.freeze}, v1 {@code freezer.state}); each argument printed once
 * done, as Docker's.
 */
final class PauseCommand implements CodedCommand {
    private final boolean pause;
    final List<String> containers = new ArrayList<>();

    PauseCommand(boolean pause) {
        this.pause = pause;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, pause ? "pause" : "unpause",
                pause ? "Pause all processes within one or more containers."
                        : "Unpause all processes within one or more containers.");
        spec.addPositional(positionals("0..*", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException {
        Lifecycle lifecycle = context.lifecycle();
        int status = ExitCodes.OK;
        for (String name : containers) {
            try {
                ContainerRecord c = context.container(name);
                if (pause) {
                    lifecycle.pause(c);
                } else {
                    lifecycle.unpause(c);
                }
                context.out.println(name);
            } catch (CliException | LaunchException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
