package dev.minidocker.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A {@code minidocker} command started in the background with the environment {@link Minidocker}
 * gives its commands: for tests that kill a command half-way or run several at once. Its output
 * goes to files in the test's scratch directory, so nothing blocks on a pipe nobody reads.
 */
final class StartedMinidocker implements AutoCloseable {
    /** What the wrapper execs: the JVM of every minidocker command. */
    private static final String MAIN_MODULE = "dev.minidocker.cli/";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private StartedMinidocker(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code minidocker --root ROOT ARGUMENTS...} and returns at once. */
    static StartedMinidocker start(Minidocker minidocker, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Minidocker.HOME.resolve("minidocker").toString(),
                "--root", minidocker.root().toString()));
        command.addAll(List.of(arguments));
        int n = SEQUENCE.incrementAndGet();
        Path stdout = minidocker.scratch().resolve("started-" + n + ".out");
        Path stderr = minidocker.scratch().resolve("started-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove("MINIDOCKER_ROOT");
        builder.environment().remove("MINIDOCKER_INSECURE_REGISTRIES");
        builder.environment().put("DOCKER_CONFIG", minidocker.dockerConfig().toString());
        builder.environment().put("MINIDOCKER_CERTS_DIR", minidocker.certificates().toString());
        try {
            return new StartedMinidocker(List.copyOf(command), builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("start " + command, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True once the wrapper script has exec'd the JVM (same PID). */
    boolean isJvm() {
        return process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /**
     * SIGKILL, as the OOM killer or a power cut would stop it: whatever the wrapper started first,
     * then the command itself, each by the PID this test started. Returns the exit status: 137 when
     * the kill stopped it running, its own status when it had finished already.
     */
    int kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command's PID: the wrapper's, then the JVM's once the wrapper has exec'd it. */
    long pid() {
        return process.pid();
    }

    /**
     * Sends signal {@code name} ({@code TERM}, {@code INT}...) to the command alone, as a terminal or
     * {@code kill} would, once the wrapper has become the JVM (the wrapper's bash would just die).
     */
    void signal(String name, Duration timeout) {
        awaitCondition(this::isJvm, timeout, "the JVM to start");
        HostCommand.check("kill", "-s", name, Long.toString(process.pid()));
    }

    /** SIGKILL to the command alone: what it started (a container's monitor) is left running. */
    int killCommandOnly() {
        process.destroyForcibly();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the command has printed the line {@code line} on stdout. */
    void awaitStdoutLine(String line, Duration timeout) {
        awaitCondition(() -> read(stdout).lines().anyMatch(line::equals), timeout, "the line \"" + line + "\"");
    }

    private void awaitCondition(BooleanSupplier condition, Duration timeout, String what) {
        Eventually.until(condition, timeout, () -> !process.isAlive(), () -> "waiting for " + what + ": "
                + (process.isAlive() ? "timed out after " + timeout : "exited " + process.exitValue()) + "\n"
                + new CommandResult(command, process.isAlive() ? -1 : process.exitValue(), read(stdout), read(stderr)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the command to exit; one still running at the deadline is killed and reported. */
    CommandResult await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("timed out after " + timeout + "\n" + result());
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
        return result();
    }

    /** Kills the command if it still runs: a failed test leaves no process behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The minidocker commands (wrapper or JVM) still running below this test JVM: there should be none. */
    static List<ProcessHandle> running() {
        String wrapper = Minidocker.HOME.resolve("minidocker").toString();
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(MAIN_MODULE) || line.contains(wrapper))
                        .orElse(false))
                .toList();
    }

    private CommandResult result() {
        return new CommandResult(command, process.exitValue(), read(stdout), read(stderr));
    }
}
