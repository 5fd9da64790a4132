package dev.minidocker.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The host process that waits for a container: util-linux {@code unshare} makes the namespaces
 * and execs a POSIX shell, which stays outside the new pid namespace (no {@code --fork}), starts
 * the shim as the namespace's first process (its pid 1) and, when it ends, writes its exit status
 * to the container's {@code exit} file. The shell is all that stays resident (about 1.6 MB for
 * dash), so a container outlives the command that started it, and its exit is recorded with no
 * minidocker process running.
 */
public final class Monitor {
    /**
     * Traps (rather than ignores) the signals a terminal or {@code kill} sends, so that the shell
     * survives them while its child starts with default dispositions; {@code wait} returns early on
     * a trapped signal, so it is repeated until the child is really gone.
     */
    static final String SCRIPT = """
            exit_file=$1; shift
            trap : INT TERM HUP QUIT USR1 USR2 PIPE
            "$@" 0<&0 &
            child=$!
            while :; do
              wait "$child"; code=$?
              kill -0 "$child" 2>/dev/null || break
            done
            echo "$code" > "$exit_file"
            """;

    private final Process process;

    private Monitor(Process process) {
        this.process = process;
    }

    /** The unshare command line for a container in new namespaces (a shared network with {@code hostNetwork}). */
    static List<String> command(boolean hostNetwork, Path exitFile, List<String> shim) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--uts", "--ipc", "--pid"));
        if (!hostNetwork) {
            cmd.add("--net");
        }
        cmd.addAll(List.of("--propagation", "private", "--", "/bin/sh", "-c", SCRIPT, "minidocker-monitor",
                exitFile.toString()));
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

    /** The container's exit status as the monitor recorded it, if it did. */
    public static OptionalInt exitStatus(Path exitFile) {
        try {
            String text = Files.readString(exitFile).trim();
            return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
