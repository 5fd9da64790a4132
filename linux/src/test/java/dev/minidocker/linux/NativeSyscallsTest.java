package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeSyscallsTest {
    private final Syscalls sys = Syscalls.system();

    @TempDir
    Path dir;

    /**
     * A filter of four instructions that fails getpid with EPERM, on a thread of its own (with
     * no_new_privs, which is per thread too): that thread is refused, the others are not.
     */
    @Test
    void aSeccompFilterConfinesTheThreadThatInstallsIt() throws Exception {
        ByteBuffer program = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        program.putShort((short) 0x20).put((byte) 0).put((byte) 0).putInt(0);
        program.putShort((short) 0x15).put((byte) 0).put((byte) 1).putInt(SyscallNumber.GETPID.number());
        program.putShort((short) 0x06).put((byte) 0).put((byte) 0).putInt(0x00050000 | Errno.EPERM.number());
        program.putShort((short) 0x06).put((byte) 0).put((byte) 0).putInt(0x7fff0000);
        NativeSyscalls calls = (NativeSyscalls) sys;
        AtomicReference<Throwable> refused = new AtomicReference<>();
        Thread confined = Thread.ofPlatform().start(() -> {
            try {
                sys.setNoNewPrivileges();
                sys.setSeccompFilter(program.array());
                calls.call("getpid", "self", SyscallNumber.GETPID);
            } catch (Throwable t) {
                refused.set(t);
            }
        });
        confined.join();
        assertTrue(refused.get() instanceof LinuxException e && e.is(Errno.EPERM), String.valueOf(refused.get()));
        assertEquals(ProcessHandle.current().pid(), calls.call("getpid", "self", SyscallNumber.GETPID));
    }

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
    void numberedSubjectsAreWordedOnFailure() {
        LinuxException close = assertThrows(LinuxException.class, () -> sys.close(-1));
        assertEquals("close `fd -1`: Bad file descriptor", close.getMessage());
        LinuxException dup = assertThrows(LinuxException.class, () -> sys.dup3(-1, 9));
        assertEquals("dup3 `fd -1 to 9`: Bad file descriptor", dup.getMessage());
        LinuxException unshare = assertThrows(LinuxException.class, () -> sys.unshare(-1));
        assertEquals("unshare `0xffffffff`: Invalid argument", unshare.getMessage());
    }

    @Test
    void makedevMatchesGlibc() {
        assertEquals(0x0103, Syscalls.device(1, 3));
        assertEquals(0x8800, Syscalls.device(136, 0));
        assertEquals(0, Syscalls.device(0, 0));
    }

    @Test
    void openWriteAndCloseThroughDescriptors() throws Exception {
        Path f = Files.createFile(dir.resolve("f"));
        int fd = sys.open(f, Syscalls.O_WRONLY);
        try {
            sys.dup3(fd, 200);
            sys.write(200, "via dup3".getBytes(StandardCharsets.UTF_8), f);
            assertTrue(fdFlags(200) == 01, "dup3 leaves O_CLOEXEC off: " + fdFlags(200));
            sys.closeRange(200, 200, Syscalls.CLOSE_RANGE_CLOEXEC);
            assertTrue((fdFlags(200) & 02000000) != 0, "close_range sets O_CLOEXEC");
            assertTrue((fdFlags(fd) & 02000000) != 0, "open sets O_CLOEXEC");
        } finally {
            sys.close(200);
            sys.close(fd);
        }
        assertEquals("via dup3", Files.readString(f));
        LinuxException e = assertThrows(LinuxException.class, () -> sys.close(fd));
        assertTrue(e.is(Errno.EBADF));
    }

    private static int fdFlags(int fd) throws Exception {
        String flags = Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd)).get(1);
        return Integer.parseInt(flags.substring(flags.indexOf('\t') + 1), 8) & ~0100000;
    }

    @Test
    void openDirectoryRefusesAFileAndChdirMovesTheProcess() throws Exception {
        Path f = Files.createFile(dir.resolve("f"));
        LinuxException e = assertThrows(LinuxException.class, () -> sys.openDirectory(f));
        assertEquals("open `" + f + "`: Not a directory", e.getMessage());
        Path cwd = Files.readSymbolicLink(Path.of("/proc/self/cwd"));
        int back = sys.openDirectory(cwd);
        try {
            sys.mkdir(dir.resolve("d"), 0700);
            assertEquals(0700, (int) Files.getAttribute(dir.resolve("d"), "unix:mode") & 07777);
            sys.chdir(dir.resolve("d"));
            assertEquals(dir.resolve("d"), Files.readSymbolicLink(Path.of("/proc/self/cwd")));
        } finally {
            sys.fchdir(back);
            sys.close(back);
        }
        assertEquals(cwd, Files.readSymbolicLink(Path.of("/proc/self/cwd")));
    }

    @Test
    void ioctlOnAFileIsNotATerminal() throws Exception {
        int fd = sys.open(Files.createFile(dir.resolve("f")), Syscalls.O_RDONLY);
        try {
            LinuxException e = assertThrows(LinuxException.class, () -> sys.ioctl(fd, Syscalls.TIOCSCTTY, 0));
            assertTrue(e.is(Errno.ENOTTY));
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void capgetReadsTheCallingThread() throws Exception {
        CapabilitySets sets = sys.capget();
        long expected = Long.parseLong(Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().substring(7).strip(), 16);
        assertEquals(expected, sets.effective());
    }

    @Test
    void setRlimitToTheCurrentValuesAndBadResource() throws Exception {
        String line = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max core file size")).findFirst().orElseThrow();
        String[] f = line.substring(26).trim().split("\\s+");
        sys.setRlimit(4, limit(f[0]), limit(f[1]));
        LinuxException e = assertThrows(LinuxException.class, () -> sys.setRlimit(99, 0, 0));
        assertTrue(e.is(Errno.EINVAL));
    }

    private static long limit(String text) {
        return text.equals("unlimited") ? -1 : Long.parseLong(text);
    }

    @Test
    void mountFlagsOfProcMatchMountinfo() throws Exception {
        String options = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(l -> l.split(" ")).filter(f -> f[4].equals("/proc")).findFirst().orElseThrow()[5];
        long expected = 0;
        for (String o : options.split(",")) {
            expected |= switch (o) {
                case "ro" -> Syscalls.MS_RDONLY;
                case "nosuid" -> Syscalls.MS_NOSUID;
                case "nodev" -> Syscalls.MS_NODEV;
                case "noexec" -> Syscalls.MS_NOEXEC;
                case "relatime" -> Syscalls.MS_RELATIME;
                case "noatime" -> Syscalls.MS_NOATIME;
                default -> 0;
            };
        }
        assertEquals(expected, sys.mountFlags(Path.of("/proc")));
    }

    @Test
    void execveOfAMissingFileNamesIt() {
        LinuxException e = assertThrows(LinuxException.class,
                () -> sys.execve("/nonexistent/minidocker", java.util.List.of("x"), java.util.List.of()));
        assertEquals("execve `/nonexistent/minidocker`: No such file or directory", e.getMessage());
    }
}
