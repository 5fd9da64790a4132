package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.cgroup.CgroupUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A line of {@code stats}, worked out as Docker's CLI does from two readings: CPU % is the
 * container's CPU time over the host's in that interval, times the CPUs online; memory less the
 * inactive page cache over the limit (the host's memory without one); network bytes of every
 * interface of its network namespace but {@code lo}; block device bytes; processes.
 */
public record ContainerStats(double cpuPercent, long memoryBytes, long memoryLimit, double memoryPercent,
        long netRx, long netTx, long blockRead, long blockWrite, long pids) {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;
    private static final Path PROC = Path.of("/proc");

    /** A container that does not run: nothing used. */
    public static final ContainerStats NONE = new ContainerStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** What was read at one moment. */
    public record Reading(long systemNanos, int cpus, CgroupUsage usage, long netRx, long netTx) {
    }

    /** Reads the cgroup, the host's CPU time and the network of process {@code pid} now. */
    public static Reading read(Cgroup cgroup, OptionalLong pid) throws LaunchException {
        try {
            String stat = Files.readString(PROC.resolve("stat"));
            long[] net = pid.isEmpty() ? new long[2] : netDev(readIfPresent(PROC.resolve(pid.getAsLong() + "/net/dev")));
            return new Reading(systemNanos(stat), cpus(stat), cgroup.usage(), net[0], net[1]);
        } catch (IOException e) {
            throw new LaunchException("read the host's CPU time: " + e.getMessage(), e);
        }
    }

    /** The line for the interval from {@code before} to {@code now}; {@code hostMemory} stands for no limit. */
    public static ContainerStats between(Reading before, Reading now, long hostMemory) {
        CgroupUsage u = now.usage();
        long cpuDelta = u.cpuNanos() - before.usage().cpuNanos();
        long systemDelta = now.systemNanos() - before.systemNanos();
        double cpu = cpuDelta > 0 && systemDelta > 0 ? (double) cpuDelta / systemDelta * now.cpus() * 100 : 0;
        long limit = u.memoryLimit() < 0 || u.memoryLimit() > hostMemory ? hostMemory : u.memoryLimit();
        double memory = limit > 0 ? (double) u.memoryBytes() / limit * 100 : 0;
        return new ContainerStats(cpu, u.memoryBytes(), limit, memory, now.netRx(), now.netTx(), u.readBytes(),
                u.writeBytes(), u.pids());
    }

    /** The host's memory (MemTotal of /proc/meminfo), in bytes. */
    public static long hostMemory() throws LaunchException {
        try {
            for (String line : Files.readAllLines(PROC.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new LaunchException("read /proc/meminfo: no MemTotal line");
        } catch (IOException e) {
            throw new LaunchException("read /proc/meminfo: " + e.getMessage(), e);
        }
    }

    /** The CPU time of the host, from /proc/stat's first line: user to softirq, as Docker sums it. */
    static long systemNanos(String procStat) {
        String[] f = procStat.lines().findFirst().orElse("").trim().split("\\s+");
        long ticks = 0;
        for (int i = 1; i <= 7 && i < f.length; i++) {
            ticks += Long.parseLong(f[i]);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** The CPUs online: /proc/stat's cpuN lines. */
    static int cpus(String procStat) {
        return (int) procStat.lines().filter(l -> l.matches("cpu\\d+\\s.*")).count();
    }

    /** Bytes received and sent by every interface but lo, from a /proc/PID/net/dev. */
    static long[] netDev(String text) {
        long[] sums = new long[2];
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length >= 9) {
                sums[0] += Long.parseLong(f[0]);
                sums[1] += Long.parseLong(f[8]);
            }
        }
        return sums;
    }

    private static String readIfPresent(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
