package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcFilesTest {
    @Test
    void aSysctlFileIsReadWhole() throws Exception {
        String range = ProcFiles.read(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
        assertTrue(range.matches("\\d{3,5}\\s+\\d{3,5}"), range);
        int last = Integer.parseInt(ProcFiles.read(Path.of("/proc/sys/kernel/cap_last_cap")).strip());
        assertTrue(last >= 30, "cap_last_cap " + last);
        assertEquals(ProcFiles.read(Path.of("/proc/sys/kernel/ostype")), "Linux\n");
    }
}
