package dev.minidocker.launcher;

import dev.minidocker.launcher.plan.RunOptions;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.launcher.tty.PtyRelay;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Pty;
import dev.minidocker.linux.Terminal;
import java.io.File;
import java.io.PrintStream;
import java.util.Optional;

/**
 * A container attached to this command, as {@code docker run} without {@code -d}: its output is
 * copied to the command's stdout and stderr (and the command's stdin to it with {@code -i}) by
 * its monitor, or relayed through a pseudo-terminal of its own with {@code -t}; it receives the
 * signals the command gets, and its exit status becomes the command's.
 */
public final class ForegroundRun {
    private final Starter starter;
    private final Syscalls syscalls;
    private final PrintStream err;

    public ForegroundRun(Starter starter, Syscalls syscalls, PrintStream err) {
        this.starter = starter;
        this.syscalls = syscalls;
        this.err = err;
    }

    /** Creates and starts a container, waits for it, cleans up, and returns its exit status. */
    public int run(Starter.SourceProvider source, RunOptions options)
            throws LaunchException, StoreException, InterruptedException {
        return run(source, options, null);
    }

    /** {@link #run(Starter.SourceProvider, RunOptions)} with a monitor started before the options were known, if any. */
    public int run(Starter.SourceProvider source, RunOptions options, EarlyStart early)
            throws LaunchException, StoreException, InterruptedException {
        return attached(options.tty(), options.interactive(),
                attachment -> starter.run(source, options, attachment, early));
    }

    /**
     * The monitor's stdio for a container attached to this command: this command's own streams,
     * which the monitor copies to and from the container's pipes; stdin only with {@code stdin} and
     * no {@code tty} (with -t the launcher relays the terminal to the container's pty).
     */
    static ProcessBuilder stdio(boolean tty, boolean stdin) {
        ProcessBuilder stdio = new ProcessBuilder().inheritIO();
        if (!stdin || tty) {
            stdio.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        return stdio;
    }

    /**
     * Starts an existing (created or exited) container attached, as {@code start -a}: with a
     * terminal when it was created with {@code -t}, with this command's stdin when {@code stdin}.
     */
    public int attach(ContainerRecord record, boolean stdin)
            throws LaunchException, StoreException, InterruptedException {
        return attached(record.config().tty(), stdin, attachment -> starter.start(record, attachment));
    }

    /** How the container is started once its stdio (and console, if any) are ready. */
    private interface Start {
        Starter.Started start(Monitor.Attachment attachment) throws LaunchException, StoreException;
    }

    private int attached(boolean tty, boolean stdin, Start start)
            throws LaunchException, StoreException, InterruptedException {
        if (tty && stdin) {
            PtyRelay.requireTerminalInput();
        }
        Pty pty = tty ? openPty() : null;
        Starter.Started started;
        try {
            started = start.start(Monitor.Attachment.attached(stdio(tty, stdin),
                    pty == null ? null : pty.slave().toString()));
        } catch (LaunchException | StoreException | RuntimeException e) {
            closeQuietly(pty);
            throw e;
        }
        try (PtyRelay relay = pty == null ? null : PtyRelay.start(pty, stdin);
                SignalForwarder forwarder = SignalForwarder.install(syscalls, started.dirs().initPid())) {
            started.monitor().waitFor();
            if (relay != null) {
                // What the container wrote last is still in the pty: let it reach the terminal.
                relay.awaitOutput(java.time.Duration.ofSeconds(2));
            }
        }
        ContainerRecord record = started.record();
        // Read first: a container removed meanwhile (rm -f from another command) takes its exit file along.
        Optional<Monitor.Exit> exit = Monitor.exit(started.dirs().exitFile());
        ContainerRecord finished = starter.finish(record.id());
        if (finished == null) {
            return exit.map(Monitor.Exit::status).orElseThrow(() -> new LaunchException("container "
                    + record.shortId() + " was removed before its exit status was read"));
        }
        if (finished.state().oomKilled()) {
            err.println("minidocker: container " + record.shortId() + " was OOM-killed: it exceeded its memory limit");
        }
        return finished.state().exitCode();
    }

    private static Pty openPty() throws LaunchException {
        try {
            return Terminal.openPty();
        } catch (LinuxException e) {
            throw new LaunchException("allocate a pseudo-terminal: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Pty pty) {
        if (pty != null) {
            try {
                pty.close();
            } catch (LinuxException ignored) {
                // Already failing to start: that error is the one to report.
            }
        }
    }
}
