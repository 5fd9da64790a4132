package dev.minidocker.launcher;

import dev.minidocker.launcher.tty.PtyRelay;
import dev.minidocker.linux.ContainerPath;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Pty;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.linux.Terminal;
import dev.minidocker.store.container.ContainerRecord;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code docker exec}: a command in a running container (what it gets: {@link ExecPlan}), run by
 * the {@code minidocker-enter} helper beside minidocker's jars. Attached, the helper copies the
 * command's stdout and stderr to this command's, and with {@code -i} this command's stdin to it
 * (copied here first, as Docker's CLI copies it: the helper is out of the terminal's foreground
 * group), through pipes: the command never gets this command's descriptors; with {@code -t} it
 * has a pseudo-terminal of its own, relayed from this command's. The signals this command gets
 * reach it, and its exit status becomes this command's. Detached, it runs on and this returns.
 */
public final class ExecRun {
    /** The helper's file name. */
    public static final String HELPER = "minidocker-enter";
    /** How long a container that has just started may take to exec its command (the shim's JVM). */
    private static final Duration START_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final File NO_INPUT = new File("/dev/null");

    private final Starter starter;
    private final Lifecycle lifecycle;
    private final Syscalls syscalls;
    private final Path helper;

    /** {@code helper}: the minidocker-enter binary. */
    public ExecRun(Starter starter, Lifecycle lifecycle, Syscalls syscalls, Path helper) {
        this.starter = starter;
        this.lifecycle = lifecycle;
        this.syscalls = syscalls;
        this.helper = helper;
    }

    /** Runs the command in {@code record}'s container; returns its exit status (0 at once when detached). */
    public int run(ContainerRecord record, ExecOptions options) throws LaunchException, InterruptedException {
        long pid = awaitCommand(record);
        long startTime = ProcStat.startTime(pid);
        Path root = Path.of("/proc", Long.toString(pid), "root");
        ExecPlan plan = ExecPlan.of(starter.specToJoin(record), options, containerFile(root, "/etc/passwd"),
                containerFile(root, "/etc/group"), System::getenv);
        if (options.tty() && !options.detach()) {
            return withTerminal(plan, pid, startTime, root, options.interactive());
        }
        boolean copyStdin = options.interactive() && !options.detach();
        ProcessBuilder stdio = new ProcessBuilder().inheritIO()
                .redirectInput(copyStdin ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(NO_INPUT));
        ExecPlan.Stdio given = options.detach() ? ExecPlan.Stdio.DETACHED : ExecPlan.Stdio.pipes(copyStdin);
        return runHelper(stdio, plan.arguments(helper, pid, startTime, given), process -> {
            if (copyStdin) {
                copyInput(System.in, process.getOutputStream());
            }
        });
    }

    /**
     * With {@code -t}: a pseudo-terminal of the container's own devpts, as runc makes one, so that the
     * command's terminal is a {@code /dev/pts/N} of the container. The relay starts first, so that
     * the terminal has the user's size before the command looks.
     */
    private int withTerminal(ExecPlan plan, long pid, long startTime, Path root, boolean interactive)
            throws LaunchException, InterruptedException {
        Pty pty;
        try {
            pty = Terminal.openPty(ContainerPath.resolve(root, "/dev/pts/ptmx"), ContainerPath.resolve(root, "/dev/pts"));
        } catch (LinuxException e) {
            throw new LaunchException("exec: allocate a pseudo-terminal in the container: " + e.getMessage(), e);
        }
        try (PtyRelay relay = PtyRelay.start(pty, interactive)) {
            ProcessBuilder stdio = new ProcessBuilder().inheritIO().redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
            String slave = "/dev/pts/" + pty.slave().getFileName();
            int status = runHelper(stdio, plan.arguments(helper, pid, startTime, ExecPlan.Stdio.terminal(slave)),
                    process -> { });
            // What the command wrote last is still in the pty: let it reach the terminal.
            relay.awaitOutput(Duration.ofSeconds(2));
            return status;
        }
    }

    /**
     * The container's process 1 once it runs the container's command: until then it is the shim,
     * still setting the container up (just after {@code start}), and not yet a container to enter.
     */
    private long awaitCommand(ContainerRecord record) throws LaunchException, InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (Lifecycle.running(record)) {
            OptionalLong pid = lifecycle.init(record);
            if (pid.isPresent() && ProcStat.pastShim(pid.getAsLong())) {
                return pid.getAsLong();
            }
            if (System.nanoTime() > deadline) {
                throw new LaunchException("exec in container " + record.shortId()
                        + ": its process 1 has not started the container's command");
            }
            Thread.sleep(POLL);
        }
        throw new LaunchException("container " + record.id() + " is not running");
    }

    /** A file of the container as it is now, read through its process 1's root; "" when it has none. */
    private static String containerFile(Path root, String path) throws LaunchException {
        try {
            Path file = ContainerPath.resolve(root, path);
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new LaunchException("exec: read " + path + " of the container: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the helper and returns its exit, which is the command's. The signals this command gets
     * go to the helper, and are caught from before it starts: a SIGTERM that arrived once the command
     * had printed something must not end this JVM instead, nor be lost while the JDK still sets the
     * new process up (see {@link SignalForwarder#whenStarted}).
     */
    private int runHelper(ProcessBuilder stdio, List<String> arguments, Consumer<Process> started)
            throws LaunchException, InterruptedException {
        CompletableFuture<Process> running = new CompletableFuture<>();
        try (SignalForwarder forwarder = SignalForwarder.install(syscalls, SignalForwarder.whenStarted(running))) {
            Process process;
            try {
                process = stdio.command(arguments).start();
            } catch (IOException e) {
                running.completeExceptionally(e);
                throw new LaunchException("exec: start " + helper + ": " + e.getMessage(), e);
            }
            running.complete(process);
            started.accept(process);
            return process.waitFor();
        }
    }

    /**
     * Copies this command's stdin to the helper's until either ends, flushing as it goes so that a
     * line typed reaches the command at once; the helper's stdin is closed at the end (EOF).
     */
    private static void copyInput(InputStream from, OutputStream to) {
        Thread copy = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (to) {
                for (int n; (n = from.read(buf)) >= 0; ) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // The command has exited and closed its stdin: what is left to copy has no reader.
            }
        }, "minidocker-exec-input");
        copy.setDaemon(true);
        copy.start();
    }
}
