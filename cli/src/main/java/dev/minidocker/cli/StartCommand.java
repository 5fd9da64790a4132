package dev.minidocker.cli;

import dev.minidocker.launcher.ForegroundRun;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker start}: starts created or stopped containers in the background (their output
 * goes to their json-file log, read by {@code logs}), or one attached with {@code -a}, as
 * {@code run} does, its exit status the command's.
 */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start one or more stopped containers.")
final class StartCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-a", "--attach"}, description = "Attach stdout and stderr and forward signals.")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach the container's stdin.")
    boolean interactive;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws CliException, StoreException, LaunchException, InterruptedException {
        Context context = parent.context();
        if (attach || interactive) {
            if (containers.size() > 1) {
                throw new CliException("you cannot start and attach multiple containers at once");
            }
            ContainerRecord c = context.container(containers.getFirst());
            if (Lifecycle.running(c)) {
                throw new CliException("container " + containers.getFirst() + " is already running; attaching to a"
                        + " running container is not supported yet");
            }
            return new ForegroundRun(context.starter(false), Syscalls.system(), context.err).attach(c, interactive);
        }
        Lifecycle lifecycle = context.lifecycle();
        return EachContainer.run(context, containers, (name, c) -> lifecycle.startDetached(c));
    }
}
