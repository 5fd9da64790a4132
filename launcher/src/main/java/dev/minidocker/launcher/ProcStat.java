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
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** True when {@code pid} runs and started at {@code startTime}. */
    public static boolean alive(long pid, long startTime) {
        return pid > 0 && startTime > 0 && startTime(pid) == startTime;
    }
}
