package dev.minidocker.launcher;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.io.File;
import java.io.PrintStream;

/**
 * A container attached to this command, as {@code docker run} without {@code -d}: it shares the
 * command's stdout and stderr (and stdin with {@code -i}), receives the signals the command gets,
 * and its exit status becomes the command's.
 */
public final class ForegroundRun {
    private final Launcher launcher;
    private final Syscalls syscalls;
    private final PrintStream err;

    public ForegroundRun(Launcher launcher, Syscalls syscalls, PrintStream err) {
        this.launcher = launcher;
        this.syscalls = syscalls;
        this.err = err;
    }

    /** Starts the created container, waits for it, cleans up, and returns its exit status. */
    public int run(ContainerRecord record) throws LaunchException, StoreException, InterruptedException {
        ProcessBuilder stdio = new ProcessBuilder().inheritIO();
        if (!record.config().openStdin()) {
            stdio.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Launcher.Started started = launcher.start(record, stdio, null);
        try (SignalForwarder forwarder = SignalForwarder.install(syscalls, started.dirs().initPid())) {
            started.monitor().waitFor();
        }
        ContainerRecord finished = launcher.finish(record.id());
        if (finished.state().oomKilled()) {
            err.println("minidocker: container " + record.shortId() + " was OOM-killed: it exceeded its memory limit");
        }
        return finished.state().exitCode();
    }
}
