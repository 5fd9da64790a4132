package dev.minidocker.launcher.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import org.junit.jupiter.api.Test;

class MachineTest {
    @Test
    void readsMajorAndMinorAsMobyDoes() throws Exception {
        assertEquals(new SeccompProfile.KernelVersion(6, 18), Machine.kernel("6.18.44-fc-v1272"));
        assertEquals(new SeccompProfile.KernelVersion(3, 12), Machine.kernel("3.12-1-amd64"));
        assertEquals(new SeccompProfile.KernelVersion(4, 8), Machine.kernel("4.8"));
        assertEquals("seccomp: cannot read the kernel version \"linux\"",
                assertThrows(LaunchException.class, () -> Machine.kernel("linux")).getMessage());
        assertThrows(LaunchException.class, () -> Machine.kernel("6."));
        assertThrows(LaunchException.class, () -> Machine.kernel(".6"));
    }
}
