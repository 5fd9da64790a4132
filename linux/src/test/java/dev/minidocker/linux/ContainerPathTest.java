package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths from an image never resolve outside its rootfs. */
class ContainerPathTest {
    @TempDir
    Path dir;

    private Path rootfs;

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("usr/lib"));
    }

    private Path resolve(String path) throws LinuxException {
        return ContainerPath.resolve(rootfs, path);
    }

    /** Links out of the temp dir are the point of these tests; JUnit would warn about each one. */
    @AfterEach
    void removeLinks() throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path link : paths.filter(Files::isSymbolicLink).toList()) {
                Files.delete(link);
            }
        }
    }

    @Test
    void anAbsoluteLinkIsTakenFromTheRootfs() throws Exception {
        Files.createSymbolicLink(rootfs.resolve("etc"), Path.of("/host/etc"));
        assertEquals(rootfs.resolve("host/etc/passwd"), resolve("/etc/passwd"));
    }

    @Test
    void dotDotStopsAtTheRoot() throws Exception {
        assertEquals(rootfs.resolve("x"), resolve("/../../../x"));
        assertEquals(rootfs.resolve("usr/x"), resolve("usr/lib/../x"));
        Files.createSymbolicLink(rootfs.resolve("up"), Path.of("../../../.."));
        assertEquals(rootfs.resolve("etc/shadow"), resolve("/up/etc/shadow"));
        assertEquals(rootfs, resolve("/"));
    }

    @Test
    void relativeLinksResolveFromTheirDirectory() throws Exception {
        Files.createSymbolicLink(rootfs.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(rootfs.resolve("usr/lib/current"), Path.of("../../opt/v2"));
        assertEquals(rootfs.resolve("opt/v2/bin"), resolve("/lib/current/bin"));
    }

    @Test
    void aLinkToTheHostsProcStaysInside() throws Exception {
        Files.createDirectories(rootfs.resolve("dev"));
        Files.createSymbolicLink(rootfs.resolve("dev/shm"), Path.of("/proc/self/root/etc"));
        Path resolved = resolve("/dev/shm");
        assertEquals(rootfs.resolve("proc/self/root/etc"), resolved);
        assertTrue(resolved.startsWith(rootfs));
    }

    @Test
    void aLinkLoopIsAnError() throws Exception {
        Files.createSymbolicLink(rootfs.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(rootfs.resolve("b"), Path.of("/a"));
        LinuxException e = assertThrows(LinuxException.class, () -> resolve("/a/x"));
        assertTrue(e.is(Errno.ELOOP));
    }
}
