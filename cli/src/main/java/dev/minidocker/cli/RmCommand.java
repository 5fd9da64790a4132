package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker rm}: removes containers (record, upper dir, cgroup); a running one only with {@code -f}. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove one or more containers.")
final class RmCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL).")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws StoreException, LaunchException, InterruptedException {
        Context context = parent.context();
        Lifecycle lifecycle = context.lifecycle();
        return EachContainer.run(context, containers, (name, c) -> lifecycle.remove(c, force));
    }
}
