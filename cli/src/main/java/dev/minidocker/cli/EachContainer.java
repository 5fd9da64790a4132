package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.List;

/**
 * Docker's way with {@code CONTAINER...}: each in turn, the argument printed when done, a failure
 * printed on stderr without stopping the rest; the command fails when any did.
 */
final class EachContainer {
    /** What is done to one container. */
    interface Action {
        void apply(String name, ContainerRecord container) throws CliException, StoreException, LaunchException, InterruptedException;
    }

    private EachContainer() {
    }

    static int run(Context context, List<String> names, Action action) throws InterruptedException {
        int status = ExitCodes.OK;
        for (String name : names) {
            try {
                action.apply(name, context.container(name));
                context.out.println(name);
            } catch (CliException | StoreException | LaunchException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
