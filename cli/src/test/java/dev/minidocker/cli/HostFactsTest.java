package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostFactsTest {
    @Test
    void osReleaseNamesTheSystem() {
        assertEquals("Debian GNU/Linux 12 (bookworm)", HostFacts.osRelease(List.of("NAME=\"Debian GNU/Linux\"",
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"")));
        assertEquals("Alpine", HostFacts.osRelease(List.of("PRETTY_NAME=Alpine")));
        assertEquals("", HostFacts.osRelease(List.of()));
    }

    @Test
    void memoryInBinaryUnitsAsDockersInfo() {
        assertEquals(4011352L * 1024, HostFacts.memTotal(List.of("MemTotal:        4011352 kB", "MemFree: 1 kB")));
        assertEquals("3.826GiB", HostFacts.binarySize(4011352L * 1024));
        assertEquals("512MiB", HostFacts.binarySize(512L << 20));
        assertEquals("1000B", HostFacts.binarySize(1000));
    }

    @Test
    void architecturesByBothNames() {
        assertEquals("x86_64", HostFacts.machine("amd64"));
        assertEquals("amd64", HostFacts.goArch("amd64"));
        assertEquals("arm64", HostFacts.goArch("aarch64"));
    }

    @Test
    void idmappedLayersNeedKernel519AndAFilesystemThatAllowsThem() {
        assertTrue(InfoCommand.idmappable("6.18.44-fc-v1272", "ext4"));
        assertTrue(InfoCommand.idmappable("5.19.0", "xfs"));
        assertFalse(InfoCommand.idmappable("5.15.0-91-generic", "ext4"));
        assertFalse(InfoCommand.idmappable("6.1.0", "nfs"));
        assertFalse(InfoCommand.idmappable("", "ext4"));
    }
}
