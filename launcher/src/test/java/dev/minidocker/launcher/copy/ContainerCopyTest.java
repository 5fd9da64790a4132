package dev.minidocker.launcher.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.linux.ContainerRoot;
import dev.minidocker.linux.Syscalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cp between a directory standing for a container's root and the host: hostile links in SRC and
 * DEST, {@code ..}, and tar streams whose names or links point out, all land inside the root.
 */
class ContainerCopyTest {
    private final Syscalls sys = Syscalls.system();
    private final ContainerCopy copy = new ContainerCopy(null, null, sys);

    @TempDir
    Path dir;
    Path root;
    Path host;
    Path secret;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        host = Files.createDirectories(dir.resolve("host"));
        secret = Files.writeString(dir.resolve("shadow"), "host secret");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/shadow"), "container shadow");
    }

    private Place container() throws IOException {
        return Place.container(ContainerRoot.open(sys, root), sys);
    }

    private void copyOut(String src, String dest, boolean follow) throws Exception {
        try (Place c = container(); Place h = Place.host(sys)) {
            TreeReader reader = new TreeReader(c);
            String from = follow ? reader.followed(ContainerRoot.clean(src)) : ContainerRoot.clean(src);
            copy.copy(reader, src, from, reader.stat(from, ""), h, dest, null, "lstat ", "");
        }
    }

    private void copyIn(String src, String dest) throws Exception {
        try (Place c = container(); Place h = Place.host(sys)) {
            TreeReader reader = new TreeReader(h);
            copy.copy(reader, src, src, reader.stat(src, ""), c, dest, e -> e.owned(0, 0), "missing ", "");
        }
    }

    @Test
    void aLinkToTheHostsShadowIsCopiedAsALinkAndFollowedInsideTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), secret);
        Files.createSymbolicLink(root.resolve("etc-link"), Path.of("/etc/shadow"));
        copyOut("/link", host + "/link", false);
        assertEquals(secret, Files.readSymbolicLink(host.resolve("link")));
        assertThrows(Exception.class, () -> copyOut("/link", host + "/followed", true), "no such file in the root");
        assertFalse(Files.exists(host.resolve("followed")));
        copyOut("/etc-link", host + "/followed", true);
        assertEquals("container shadow", Files.readString(host.resolve("followed")));
    }

    @Test
    void aDestinationLinkToSlashWritesIntoTheContainersRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("dir"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("hostdir"), host);
        Path file = Files.writeString(dir.resolve("planted"), "planted");
        copyIn(file.toString(), "/dir");
        assertEquals("planted", Files.readString(root.resolve("planted")));
        assertThrows(Exception.class, () -> copyIn(file.toString(), "/hostdir/"), "the host's dir is not in the root");
        assertFalse(Files.exists(host.resolve("planted")));
    }

    @Test
    void dotDotInTheDestinationStaysInTheRoot() throws Exception {
        Path file = Files.writeString(dir.resolve("x"), "x");
        copyIn(file.toString(), "/../../../../x");
        assertTrue(Files.exists(root.resolve("x")));
    }

    @Test
    void aLinkInsideACopiedTreeIsNotWrittenThrough() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createSymbolicLink(src.resolve("shadow"), Path.of("/etc/shadow"));
        copyIn(src.toString(), "/etc/");
        assertTrue(Files.isSymbolicLink(root.resolve("etc/src/shadow")));
        assertEquals("container shadow", Files.readString(root.resolve("etc/shadow")));
    }

    @Test
    void aTarCannotWriteOutsideTheDestinationNorThroughItsOwnLinks() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            file(tar, "../../escaped", "dotdot");
            TarArchiveEntry link = new TarArchiveEntry("out", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(host.toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            file(tar, "out/through", "through");
        }
        Files.createDirectories(root.resolve("dest"));
        try (Place c = container()) {
            assertThrows(IOException.class, () -> TarStreams.read(new ByteArrayInputStream(bytes.toByteArray()),
                    new TreeWriter(c, "/dest", sys, e -> e.owned(0, 0))));
        }
        assertEquals("dotdot", Files.readString(root.resolve("dest/escaped")));
        assertEquals(List.of(), Files.list(host).toList());
    }

    @Test
    void aTreeGoesOutAsATarAndComesBackWithModesTimesAndOwners() throws Exception {
        Path src = Files.createDirectories(root.resolve("data/sub"));
        Path f = Files.writeString(src.resolve("f"), "content");
        sys.lchown(f, 1234, 5678);
        sys.chmod(f, 04750);
        FileTime time = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
        Files.setLastModifiedTime(f, time);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Place c = container()) {
            TreeReader reader = new TreeReader(c);
            EntrySink tar = TarStreams.writer(bytes);
            reader.read("/data", reader.stat("/data", "data"), tar);
            tar.finish();
        }
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals("data/", in.getNextEntry().getName());
            assertEquals("data/sub/", in.getNextEntry().getName());
            TarArchiveEntry e = in.getNextEntry();
            assertEquals("data/sub/f", e.getName());
            assertEquals(04750, e.getMode() & 07777);
            assertEquals(1234, e.getLongUserId());
            assertEquals("content", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Files.createDirectories(root.resolve("back"));
        try (Place c = container()) {
            TarStreams.read(new ByteArrayInputStream(bytes.toByteArray()), new TreeWriter(c, "/back", sys, e -> e));
        }
        Path back = root.resolve("back/data/sub/f");
        assertEquals("content", Files.readString(back));
        assertEquals(04750, (Integer) Files.getAttribute(back, "unix:mode") & 07777);
        assertEquals(5678, Files.getAttribute(back, "unix:gid"));
        assertEquals(time, Files.getLastModifiedTime(back));
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    @Test
    void hardLinksStayLinksOnTheHostAndInTheTar() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("busybox"), "binary");
        Files.createLink(bin.resolve("ls"), bin.resolve("busybox"));
        copyOut("/bin", host.toString(), false);
        assertEquals(Files.getAttribute(host.resolve("bin/busybox"), "unix:ino"),
                Files.getAttribute(host.resolve("bin/ls"), "unix:ino"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Place c = container()) {
            TreeReader reader = new TreeReader(c);
            EntrySink tar = TarStreams.writer(bytes);
            reader.read("/bin", reader.stat("/bin", "bin"), tar);
            tar.finish();
        }
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.getNextEntry();
            assertEquals("bin/busybox", in.getNextEntry().getName());
            TarArchiveEntry ls = in.getNextEntry();
            assertTrue(ls.isLink());
            assertEquals("bin/busybox", ls.getLinkName());
        }
    }

    @Test
    void kernelFilesystemsInATreeAreCopiedEmpty() throws Exception {
        Files.createDirectories(root.resolve("proc/1"));
        Files.writeString(root.resolve("proc/1/status"), "x");
        Files.createDirectories(host.resolve("out"));
        try (Place c = container(); Place h = Place.host(sys)) {
            TreeReader reader = new TreeReader(c, java.util.Set.of("/proc"));
            copy.copy(reader, "/.", "/", reader.stat("/", ""), h, host + "/out", null, "", "");
            assertTrue(Files.isDirectory(host.resolve("out/proc")));
            assertFalse(Files.exists(host.resolve("out/proc/1")));
            assertEquals("container shadow", Files.readString(host.resolve("out/etc/shadow")));
            copy.copy(reader, "/proc", "/proc", reader.stat("/proc", ""), h, host + "/proc", null, "", "");
            assertTrue(Files.isDirectory(host.resolve("proc")));
            assertFalse(Files.exists(host.resolve("proc/1")), "named itself, it is empty too");
        }
    }

    @Test
    void theOverlaysLowerDirectoriesAreGivenOneByOne() {
        assertEquals(List.of("lowerdir+=/a", "lowerdir+=/b", "upperdir=/u", "workdir=/w"),
                ContainerCopy.layerByLayer(List.of("lowerdir=/a:/b", "upperdir=/u", "workdir=/w")));
    }

    @Test
    void idsMapThroughAUserNamespace() {
        var m = List.of(new dev.minidocker.spec.Linux.IdMapping(0, 100000, 65536));
        assertEquals(100005, ContainerCopy.hostId(m, 5));
        assertEquals(65534, ContainerCopy.hostId(m, 70000));
        assertEquals(5, ContainerCopy.hostId(List.of(), 5));
        assertEquals(5, ContainerCopy.containerId(m, 100005));
        assertEquals(65534, ContainerCopy.containerId(m, 0));
    }
}
