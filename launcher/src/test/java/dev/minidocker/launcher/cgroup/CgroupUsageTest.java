package dev.minidocker.launcher.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CgroupUsageTest {
    @Test
    void blkioSumsAnOperationOverDevices() {
        String text = "8:0 Read 4096\n8:0 Write 100\n8:16 Read 1000\n8:16 Total 5196\nTotal 5196\n";
        assertEquals(5096, CgroupUsage.blkio(text, "Read"));
        assertEquals(100, CgroupUsage.blkio(text, "Write"));
    }

    @Test
    void ioStatSumsAKeyOverDevices() {
        String text = "8:0 rbytes=4096 wbytes=10 rios=1 wios=1\n8:16 rbytes=4 wbytes=0 rios=1 wios=0\n";
        assertEquals(4100, CgroupUsage.ioStat(text, "rbytes"));
        assertEquals(10, CgroupUsage.ioStat(text, "wbytes"));
    }

    @Test
    void theInactiveFileCacheIsNotUsage() {
        assertEquals(900, CgroupUsage.withoutCache(1000, 100));
        assertEquals(1000, CgroupUsage.withoutCache(1000, 2000));
    }
}
