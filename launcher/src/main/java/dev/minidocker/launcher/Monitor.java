package dev.minidocker.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    private final Process process;

    private Monitor(Process process) {
        this.process = process;
    }

    /**
     * How the container's stdio is connected. Attached, it shares {@code stdio} (the command's
     * own streams) and the monitor copies its output both there and to the log, or the pty slave
     * {@code consoleSlave} is its terminal (and the log gets nothing: the terminal is the user's).
     * Detached, the monitor has a session of its own and the log is the only output; a container
     * made with {@code -t} then gets a pty the monitor opens and reads.
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
    }

    /** What the monitor is asked to do for one container start; {@code userns} for a container with its own. */
    record Plan(Path binary, ContainerDirs dirs, boolean hostNetwork, LogLimits log, Attachment attachment,
            boolean tty, Optional<Path> oomEvents, Optional<UsernsRootfs> userns) {
    }

    /** The monitor's command line: its options, then the shim's. */
    static List<String> command(Plan plan, List<String> shim) {
        List<String> cmd = new ArrayList<>(List.of(plan.binary().toString(), "--exit-file",
                plan.dirs().exitFile().toString()));
        if (plan.hostNetwork()) {
            cmd.add("--host-network");
        }
        boolean ownTerminal = plan.attachment().consoleSlave() != null;
        if (plan.log().enabled() && !ownTerminal) {
            cmd.addAll(List.of("--log", plan.dirs().jsonLog().toString(),
                    "--log-max-size", Long.toString(plan.log().maxSize()),
                    "--log-max-files", Integer.toString(plan.log().maxFiles())));
            if (!plan.attachment().detached()) {
                cmd.add("--tee");
            }
        }
        if (plan.attachment().detached()) {
            cmd.add("--detach");
            if (plan.tty()) {
                cmd.add("--tty");
            }
        }
        plan.oomEvents().ifPresent(file -> cmd.addAll(List.of("--oom-file", file.toString())));
        plan.userns().ifPresent(userns -> cmd.addAll(userns.monitorOptions()));
        cmd.add("--");
        cmd.addAll(shim);
        return cmd;
    }

    /**
     * Starts the monitor. With {@code inheritIo} the container shares this command's stdin, stdout
     * and stderr (a foreground run); otherwise it gets what {@code builder} is given.
     */
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

    /** Waits for the monitor to end. */
    public void waitFor() throws InterruptedException {
        process.waitFor();
    }

    /** The last line a detached monitor wrote to {@code monitorLog} (its failure), if it wrote any. */
    public static Optional<String> failure(Path monitorLog) {
        try {
            return Files.readAllLines(monitorLog).reversed().stream().filter(line -> !line.isBlank()).findFirst();
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
