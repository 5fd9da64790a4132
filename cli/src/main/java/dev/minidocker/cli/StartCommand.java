package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.ForegroundRun;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker start}: starts created or stopped containers in the background (their output
 * goes to their json-file log, read by {@code logs}), or one attached with {@code -a}, as
 * {@code run} does, its exit status the command's.
 */
final class StartCommand implements CodedCommand {
    boolean attach;
    boolean interactive;
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "start", "Start one or more stopped containers.");
        spec.addOption(flag("Attach stdout and stderr and forward signals.", v -> attach = v, "-a", "--attach"));
        spec.addOption(flag("Attach the container's stdin.", v -> interactive = v, "-i", "--interactive"));
        spec.addPositional(positionals("0..*", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, StoreException, LaunchException, InterruptedException {
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
