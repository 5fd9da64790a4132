package dev.minidocker.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process identity from /proc: a pid with its start time (field 22 of /proc/PID/stat), so that a
 * reused pid is never taken for the process that had it before.
 */
public final class ProcStat {
    private ProcStat() {
    }

    /** The start time of {@code pid} in clock ticks since boot, or -1 when there is no such process. */
    public static long startTime(long pid) {
        String[] fields = fields(pid);
        return fields == null ? -1 : Long.parseLong(fields[19]);
    }

    /**
     * True when {@code pid} runs and started at {@code startTime}. A zombie does not run: a detached
     * monitor that has ended stays one until whatever adopted it (pid 1, or a subreaper) reaps it.
     */
    public static boolean alive(long pid, long startTime) {
        if (pid <= 0 || startTime <= 0) {
            return false;
        }
        String[] fields = fields(pid);
        return fields != null && Long.parseLong(fields[19]) == startTime
                && !fields[0].equals("Z") && !fields[0].equals("X");
    }

    /**
     * True when {@code pid} runs a command line other than the shim's: the container's process 1 has
     * exec'd its entrypoint. A process that has ended (a zombie has an empty command line) has not.
     */
    public static boolean pastShim(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            return !cmdline.isEmpty() && !cmdline.contains(ShimCommand.MAIN);
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** The fields of /proc/PID/stat after the command name (state first), or null when there is no such process. */
    private static String[] fields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
