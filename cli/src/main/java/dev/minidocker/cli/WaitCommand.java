package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker wait}: blocks until each container has exited, and prints its exit status. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Block until one or more containers stop, then print their exit codes.")
final class WaitCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws StoreException, LaunchException, InterruptedException {
        Context context = parent.context();
        Lifecycle lifecycle = context.lifecycle();
        int status = ExitCodes.OK;
        for (String name : containers) {
            try {
                ContainerRecord c = context.container(name);
                context.out.println(lifecycle.await(c));
            } catch (CliException | StoreException | LaunchException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
