package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeSyscallsTest {
    private final Syscalls sys = Syscalls.system();

    @TempDir
    Path dir;

    @Test
    void chmodKeepsSetuidAndSticky() throws Exception {
        Path f = Files.createFile(dir.resolve("f"));
        sys.chmod(f, 04755);
        assertEquals(04755, (int) Files.getAttribute(f, "unix:mode") & 07777);
        sys.chmod(f, 01777);
        assertEquals(01777, (int) Files.getAttribute(f, "unix:mode") & 07777);
    }

    @Test
    void setTimesDoesNotFollowSymlinks() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        sys.setTimes(link, 1_000_000_000L, 5);
        assertEquals(FileTime.from(java.time.Instant.ofEpochSecond(1_000_000_000L, 5)),
                Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.getLastModifiedTime(target).toMillis() > 1_000_000_000_000L);
    }

    @Test
    void symlinkKeepsItsTargetVerbatim() throws Exception {
        Path link = dir.resolve("link");
        sys.symlink("../a//b/", link);
        assertEquals("../a//b/", Files.readSymbolicLink(link).toString());
        assertTrue(Files.isSymbolicLink(link));
        LinuxException e = assertThrows(LinuxException.class, () -> sys.symlink("elsewhere", link));
        assertTrue(e.is(Errno.EEXIST));
    }

    @Test
    void xattrsRoundTripAndAbsentIsNull() throws Exception {
        Path f = Files.createFile(dir.resolve("f"));
        sys.setXattr(f, "user.minidocker", "yes".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("yes".getBytes(StandardCharsets.UTF_8), sys.getXattr(f, "user.minidocker"));
        assertTrue(sys.listXattrs(f).contains("user.minidocker"));
        assertNull(sys.getXattr(f, "user.absent"));
    }

    @Test
    void errorsNameTheCallThePathAndTheErrno() {
        Path missing = dir.resolve("missing");
        LinuxException e = assertThrows(LinuxException.class, () -> sys.chmod(missing, 0644));
        assertEquals("chmod `" + missing + "`: No such file or directory", e.getMessage());
        assertTrue(e.is(Errno.ENOENT));
    }

    @Test
    void makedevMatchesGlibc() {
        assertEquals(0x0103, Syscalls.device(1, 3));
        assertEquals(0x8800, Syscalls.device(136, 0));
        assertEquals(0, Syscalls.device(0, 0));
    }
}
