package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.launcher.cgroup.CgroupUsage;
import org.junit.jupiter.api.Test;

class ContainerStatsTest {
    private static final String STAT = """
            cpu  100 0 50 800 10 5 5 30 0 0
            cpu0 50 0 25 400 5 2 3 0 0 0
            cpu1 50 0 25 400 5 3 2 0 0 0
            intr 12345
            """;

    @Test
    void hostCpuTimeSumsUserToSoftirqInTicksOfTenMilliseconds() {
        assertEquals(970L * 10_000_000, ContainerStats.systemNanos(STAT));
        assertEquals(2, ContainerStats.cpus(STAT));
    }

    @Test
    void cpuPercentIsTheContainersShareOfTheHostsTimeTimesItsCpus() {
        var before = new ContainerStats.Reading(1_000_000_000L, 2, new CgroupUsage(0, 0, -1, 0, 0, 1), 0, 0);
        var after = new ContainerStats.Reading(3_000_000_000L, 2, new CgroupUsage(500_000_000L, 32 << 20, 64 << 20,
                4096, 8192, 3), 10, 20);
        ContainerStats s = ContainerStats.between(before, after, 1L << 33);
        assertEquals(50.0, s.cpuPercent(), 1e-9);
        assertEquals(50.0, s.memoryPercent(), 1e-9);
        assertEquals(64 << 20, s.memoryLimit());
        assertEquals(3, s.pids());
    }

    @Test
    void withoutAMemoryLimitTheHostsMemoryIsTheLimit() {
        var r = new ContainerStats.Reading(0, 1, new CgroupUsage(0, 1024, -1, 0, 0, 1), 0, 0);
        assertEquals(4096, ContainerStats.between(r, r, 4096).memoryLimit());
        assertEquals(0.0, ContainerStats.between(r, r, 4096).cpuPercent());
    }

    @Test
    void networkBytesAreEveryInterfacesButLoopbacks() {
        String dev = """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:    5000      10    0    0    0     0          0         0     5000      10    0    0    0     0       0          0
                  eth0:    1200       3    0    0    0     0          0         0      648       2    0    0    0     0       0          0
                """;
        assertArrayEquals(new long[] {1200, 648}, ContainerStats.netDev(dev));
    }
}
