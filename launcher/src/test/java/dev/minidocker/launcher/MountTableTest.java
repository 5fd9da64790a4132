package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {
    @Test
    void theFifthFieldIsTheMountPoint() {
        assertEquals(List.of(Path.of("/"), Path.of("/mnt/parent")), MountTable.parse(List.of(
                "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro",
                "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue")));
    }

    @Test
    void octalEscapesAreUndone() {
        List<Path> points = MountTable.parse(List.of(
                "40 22 0:45 / /mnt/with\\040space rw - tmpfs tmpfs rw",
                "41 22 0:46 / /mnt/tab\\011and\\012newline rw - tmpfs tmpfs rw",
                "42 22 0:47 / /mnt/back\\134slash rw - tmpfs tmpfs rw"));
        assertEquals(List.of(Path.of("/mnt/with space"), Path.of("/mnt/tab\tand\nnewline"),
                Path.of("/mnt/back\\slash")), points);
    }

    @Test
    void whatIsNotAnEscapeIsKept() {
        assertEquals(List.of(Path.of("/mnt/a\\04"), Path.of("/mnt/b\\x41")), MountTable.parse(List.of(
                "43 22 0:48 / /mnt/a\\04 rw - tmpfs tmpfs rw",
                "44 22 0:49 / /mnt/b\\x41 rw - tmpfs tmpfs rw")));
    }

    @Test
    void shortLinesAreSkipped() {
        assertEquals(List.of(), MountTable.parse(List.of("", "1 2 3 4")));
    }

    @Test
    void theRealTableHasTheRoot() throws Exception {
        assertTrue(MountTable.mountPoints().contains(Path.of("/")));
        assertTrue(MountTable.isMountPoint(Path.of("/")));
    }
}
