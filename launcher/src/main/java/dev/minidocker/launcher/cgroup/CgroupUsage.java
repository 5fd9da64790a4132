package dev.minidocker.launcher.cgroup;

/**
 * What a container's processes use now, from its cgroup's files, as {@code docker stats} reads them.
 *
 * @param cpuNanos CPU time used since the cgroup was made
 * @param memory memory in use, less the inactive file cache (as Docker's CLI counts it)
 * @param memoryLimit the memory limit; 0 when there is none
 * @param blockRead bytes read from block devices
 * @param blockWrite bytes written to block devices
 * @param pids processes and threads in it
 */
public record CgroupUsage(long cpuNanos, long memory, long memoryLimit, long blockRead, long blockWrite, long pids) {
}
