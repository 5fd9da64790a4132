package dev.minidocker.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The host process that waits for a container: {@code minidocker-monitor}, a small static C
 * program beside the jars (Podman's conmon plays this part). It makes the container's namespaces
 * by clone(2), so the shim it starts is pid 1 of a new pid namespace while the monitor stays in
 * the host's; it keeps the container's stdout and stderr in Docker's json-file log, and writes the
 * exit status (and an OOM kill) to the container's {@code exit} file when process 1 ends. It is all
 * that stays resident (about 0.3 MB), so a container outlives the command that started it, and its
 * exit is recorded with no minidocker process running. For a container with a user namespace of
 * its own it also writes the child's uid and gid maps and mounts its root filesystem from
 * idmapped layers ({@link UsernsRootfs}) before letting the child exec the shim.
 */
public final class Monitor {
    /** The monitor's file name, beside the jars. */
    public static final String BINARY = "minidocker-monitor";
    /** How the monitor begins what goes wrong without failing the container (a log it cannot write). */
    private static final String WARNING = "minidocker-monitor: warning: ";

    private final Process process;

    private Monitor(Process process) {
        this.process = process;
    }

    /**
     * How the container's stdio is connected. The container never gets these streams themselves:
     * attached, the monitor copies the container's output to {@code stdio}'s (the command's own)
     * and to the log, and the command's stdin to the container when {@code stdio} inherits it; or
     * the pty slave {@code consoleSlave} is its terminal (and the log gets nothing: the terminal is
     * the user's). Detached, the monitor has a session of its own and the log is the only output; a
     * container made with {@code -t} then gets a pty the monitor opens and reads.
     */
    public record Attachment(ProcessBuilder stdio, String consoleSlave, boolean detached) {
        public static Attachment background() {
            File none = new File("/dev/null");
            return new Attachment(new ProcessBuilder().redirectInput(ProcessBuilder.Redirect.from(none))
                    .redirectOutput(ProcessBuilder.Redirect.to(none)).redirectError(ProcessBuilder.Redirect.to(none)),
                    null, true);
        }

        public static Attachment attached(ProcessBuilder stdio, String consoleSlave) {
            return new Attachment(stdio, consoleSlave, false);
        }

        /** Whether the monitor feeds the command's stdin to the container ({@code -i} without {@code -t}). */
        boolean feedsStdin() {
            return !detached && consoleSlave == null && stdio.redirectInput() == ProcessBuilder.Redirect.INHERIT;
        }
    }

    /**
     * Which network namespace the container's process 1 gets: the host's, another container's
     * ({@code join}, its {@code /proc/PID/ns/net}), or a new one.
     */
    record Network(boolean host, String join) {
        static final Network OWN = new Network(false, null);
        static final Network HOST = new Network(true, null);

        static Network joining(String netns) {
            return new Network(false, netns);
        }
    }

    /**
     * What the monitor is asked to do for one container start; {@code userns} for a container with
     * its own; {@code readonly}: the host directories the container's process 1 runs from before
     * its entrypoint (the JDK, minidocker's own), which it sees read-only; {@code cloneInto}: the
     * cgroup2 directory the child is born in (see {@code Cgroup.Membership}); {@code exitCommand}:
     * what it runs once the exit is recorded (empty for nothing).
     */
    record Plan(Path binary, ContainerDirs dirs, Network network, LogLimits log, Attachment attachment,
            boolean tty, Optional<Path> oomEvents, Optional<Path> cloneInto, Optional<UsernsRootfs> userns,
            List<Path> readonly, List<String> exitCommand) {
    }

    /** The monitor's command line: its options, then the shim's. */
    static List<String> command(Plan plan, List<String> shim) {
        List<String> cmd = new ArrayList<>(List.of(plan.binary().toString(), "--exit-file",
                plan.dirs().exitFile().toString(), "--pid-file", plan.dirs().clonePid().toString()));
        if (plan.network().host()) {
            cmd.add("--host-network");
        } else if (plan.network().join() != null) {
            cmd.addAll(List.of("--netns", plan.network().join()));
        }
        if (!plan.exitCommand().isEmpty()) {
            cmd.addAll(List.of("--exit-command", plan.exitCommand().getFirst()));
            plan.exitCommand().stream().skip(1).forEach(arg -> cmd.addAll(List.of("--exit-arg", arg)));
        }
        Attachment attachment = plan.attachment();
        if (plan.log().enabled() && attachment.consoleSlave() == null) {
            cmd.addAll(List.of("--log", plan.dirs().jsonLog().toString(),
                    "--log-max-size", Long.toString(plan.log().maxSize()),
                    "--log-max-files", Integer.toString(plan.log().maxFiles())));
        }
        if (attachment.detached()) {
            cmd.add("--detach");
            if (plan.tty()) {
                cmd.add("--tty");
            }
        } else {
            cmd.add("--tee");
            if (attachment.feedsStdin()) {
                cmd.add("--stdin");
            }
        }
        plan.readonly().forEach(dir -> cmd.addAll(List.of("--readonly", dir.toString())));
        plan.oomEvents().ifPresent(file -> cmd.addAll(List.of("--oom-file", file.toString())));
        plan.cloneInto().ifPresent(dir -> cmd.addAll(List.of("--clone-into-cgroup", dir.toString())));
        plan.userns().ifPresent(userns -> cmd.addAll(userns.monitorOptions()));
        cmd.add("--");
        cmd.addAll(shim);
        return cmd;
    }

    /** Starts the monitor with the stdio {@code builder} is given (see {@link Attachment}). */
    static Monitor start(ProcessBuilder builder) throws LaunchException {
        try {
            return new Monitor(builder.start());
        } catch (IOException e) {
            throw new LaunchException("start container: " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the monitor has ended, or ends within {@code timeout}. */
    public boolean endsWithin(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the monitor to end. */
    public void waitFor() throws InterruptedException {
        process.waitFor();
    }

    /**
     * The last line a detached monitor wrote to {@code monitorLog}, its warnings aside: its own
     * failure, or the shim's, which it copies there. The container's output never goes there.
     */
    public static Optional<String> failure(Path monitorLog) {
        try {
            return Files.readAllLines(monitorLog).reversed().stream()
                    .filter(line -> !line.isBlank() && !line.startsWith(WARNING)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What the monitor recorded when process 1 ended: {@code <status>} or {@code <status> oom}. */
    public record Exit(int status, boolean oomKilled) {
    }

    /** The container's exit as the monitor recorded it, if it did. */
    public static Optional<Exit> exit(Path exitFile) {
        try {
            String[] words = Files.readString(exitFile).trim().split(" ");
            return Optional.of(new Exit(Integer.parseInt(words[0]), words.length > 1 && words[1].equals("oom")));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
