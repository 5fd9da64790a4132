package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.launcher.cgroup.CgroupUsage;
import org.junit.jupiter.api.Test;

class StatsCommandTest {
    @Test
    void percentsAsDockersTwoDecimals() {
        assertEquals("0.00%", StatsCommand.percent(0));
        assertEquals("0.03%", StatsCommand.percent(0.0349));
        assertEquals("63.70%", StatsCommand.percent(63.7));
        assertEquals("200.00%", StatsCommand.percent(200));
    }

    @Test
    void hostCpuTimeSumsTheStatesInTicks() {
        assertEquals((10 + 1 + 5 + 100 + 2 + 0 + 1 + 0) * 10_000_000L,
                StatsCommand.hostCpuNanos("cpu  10 1 5 100 2 0 1 0 7 7"));
    }

    @Test
    void cpuIsTheContainersShareOfTheHostsTimeTimesTheCpus() {
        CgroupUsage before = new CgroupUsage(1_000_000_000L, 0, 0, 0, 0, 1);
        CgroupUsage after = new CgroupUsage(1_500_000_000L, 0, 0, 0, 0, 1);
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals(50.0 * cpus, StatsCommand.cpu(before, after, 1_000_000_000L), 1e-9);
        assertEquals(0, StatsCommand.cpu(null, after, 1_000_000_000L));
        assertEquals(0, StatsCommand.cpu(before, after, 0));
    }
}
