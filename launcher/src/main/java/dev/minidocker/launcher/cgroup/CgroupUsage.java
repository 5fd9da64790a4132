package dev.minidocker.launcher.cgroup;

/**
 * What a container's cgroup has used, as {@code stats} shows it.
 *
 * @param cpuNanos CPU time of all its processes so far
 * @param memoryBytes memory in use, less the inactive page cache, as Docker's CLI counts it
 * @param memoryLimit its memory limit, or -1 without one
 * @param readBytes bytes read from block devices
 * @param writeBytes bytes written to block devices
 * @param pids processes and threads in it
 */
public record CgroupUsage(long cpuNanos, long memoryBytes, long memoryLimit, long readBytes, long writeBytes,
        long pids) {
    /** memory.usage less the inactive file cache, when that is smaller (Docker's calculateMemUsageUnixNoCache). */
    static long withoutCache(long usage, long inactiveFile) {
        return inactiveFile < usage ? usage - inactiveFile : usage;
    }

    /** The sum of {@code op}'s bytes in a v1 blkio file ("8:0 Read 4096" lines). */
    static long blkio(String text, String op) {
        long sum = 0;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[1].equalsIgnoreCase(op)) {
                sum += Long.parseLong(f[2]);
            }
        }
        return sum;
    }

    /** The sum of {@code key=N} over the devices of a v2 io.stat ("8:0 rbytes=4096 wbytes=0 ..." lines). */
    static long ioStat(String text, String key) {
        long sum = 0;
        for (String line : text.split("\n")) {
            for (String field : line.trim().split("\\s+")) {
                if (field.startsWith(key + "=")) {
                    sum += Long.parseLong(field.substring(key.length() + 1));
                }
            }
        }
        return sum;
    }
}
