package dev.minidocker.shim;

import static dev.minidocker.linux.Syscalls.MS_BIND;
import static dev.minidocker.linux.Syscalls.MS_NODEV;
import static dev.minidocker.linux.Syscalls.MS_NOEXEC;
import static dev.minidocker.linux.Syscalls.MS_NOSUID;
import static dev.minidocker.linux.Syscalls.MS_PRIVATE;
import static dev.minidocker.linux.Syscalls.MS_RDONLY;
import static dev.minidocker.linux.Syscalls.MS_REC;
import static dev.minidocker.linux.Syscalls.MS_SLAVE;
import static dev.minidocker.linux.Syscalls.MS_STRICTATIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
    @Test
    void flagsAndDataSplitAsMount8Does() {
        MountOptions o = MountOptions.parse(List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        assertEquals(MS_NOSUID | MS_STRICTATIME, o.flags());
        assertEquals("mode=755,size=65536k", o.data());
        assertFalse(o.bind());
    }

    @Test
    void aReadOnlyRbindRemountsWithTheRest() {
        MountOptions o = MountOptions.parse(List.of("rbind", "ro", "nosuid", "nodev", "rprivate", "rslave"));
        assertTrue(o.bind());
        assertEquals(MS_BIND | MS_REC | MS_RDONLY | MS_NOSUID | MS_NODEV, o.flags());
        assertEquals(MS_RDONLY | MS_NOSUID | MS_NODEV, o.remountFlags());
        assertEquals(List.of(MS_PRIVATE | MS_REC, MS_SLAVE | MS_REC), o.propagation());
        assertEquals(null, o.data());
    }

    @Test
    void laterOptionsWin() {
        assertEquals(MS_NOEXEC, MountOptions.parse(List.of("ro", "noexec", "rw")).flags());
        assertEquals(0, MountOptions.parse(List.of("bind")).remountFlags());
    }
}
