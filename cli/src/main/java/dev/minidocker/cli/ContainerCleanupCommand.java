package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker container cleanup CONTAINER...}: what a detached container's monitor runs once the
 * container has ended (Podman's command of that name): its exit recorded, its cgroup removed, its
 * address and port rules released and, with {@code --rm}, the container removed. Any later command
 * does the same for a container it finds ended; this one does it at once.
 */
final class ContainerCleanupCommand implements CodedCommand {
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "cleanup",
                "Release what containers that have ended still hold (run by their monitors).");
        spec.addPositional(positionals("0", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws InterruptedException, LaunchException, StoreException {
        Lifecycle lifecycle = context.lifecycle();
        int status = ExitCodes.OK;
        for (String name : containers) {
            try {
                var found = context.store().containers().find(name);
                if (found.isPresent()) {
                    lifecycle.cleanup(found.get());
                }
            } catch (LaunchException | StoreException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
