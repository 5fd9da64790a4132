package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.Lifecycle;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker container cleanup CONTAINER...}: what a detached container's monitor runs once the
 * container has ended (Podman's command of that name): its exit recorded, its cgroup removed, its
 * address and port rules released and, with {@code --rm}, the container removed. Any later command
 * does the same for a container it finds ended; this one does it at once.
 */
final class ContainerCleanupCommand implements Callable<Integer> {
    private final ContextSource parent;
    List<String> containers = List.of();

    ContainerCleanupCommand(ContextSource parent) {
        this.parent = parent;
    }

    /** Its picocli model, declared in code (see {@link CodedOptions}). */
    CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "cleanup",
                "Release what containers that have ended still hold (run by their monitors).");
        CodedOptions.helpOptions(spec, false, false);
        spec.addPositional(positionals("0", "1..*", "CONTAINER", null, v -> containers = v));
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        Context context = parent.context();
        Lifecycle lifecycle = context.lifecycle();
        int status = ExitCodes.OK;
        for (String name : containers) {
            try {
                var found = context.store().containers().find(name);
                if (found.isPresent()) {
                    lifecycle.cleanup(found.get());
                }
            } catch (dev.minidocker.launcher.LaunchException | dev.minidocker.store.StoreException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
