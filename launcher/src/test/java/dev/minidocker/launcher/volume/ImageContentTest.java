package dev.minidocker.launcher.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.linux.Syscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs root, as the layers' whiteouts (device nodes) and opaque markers (trusted xattrs) do. */
class ImageContentTest {
    private static final Syscalls SYSCALLS = Syscalls.system();
    private static final int WHITEOUT = 0020000;
    @TempDir
    Path dir;
    private Path base;
    private Path top;
    private Path host;
    private ImageContent image;

    @BeforeEach
    void twoLayers() throws Exception {
        base = Files.createDirectories(dir.resolve("base"));
        top = Files.createDirectories(dir.resolve("top"));
        host = Files.createDirectories(dir.resolve("host/etc"));
        Files.writeString(host.resolve("shadow"), "host secret");
        image = new ImageContent(List.of(top, base), SYSCALLS);
    }

    private static Path write(Path layer, String path, String content) throws Exception {
        Path p = layer.resolve(path);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    @Test
    void aDirectoryIsMergedAcrossLayersWithWhiteoutsAndOpaqueDirectoriesHidingWhatIsBelow() throws Exception {
        write(base, "data/kept", "base");
        write(base, "data/deleted", "gone");
        write(base, "data/sub/old", "hidden by opaque");
        write(base, "data/over", "base version");
        write(top, "data/over", "top version");
        write(top, "data/sub/new", "new");
        SYSCALLS.setXattr(top.resolve("data/sub"), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
        SYSCALLS.mknod(top.resolve("data/deleted"), WHITEOUT | 0600, 0);
        Files.setAttribute(base.resolve("data/kept"), "unix:uid", 123);
        Files.setAttribute(base.resolve("data/kept"), "unix:mode", 04750);
        Files.createSymbolicLink(top.resolve("data/link"), Path.of("/etc/shadow"));
        Files.createLink(top.resolve("data/sub/hard"), top.resolve("data/sub/new"));
        SYSCALLS.setXattr(top.resolve("data/over"), "user.origin", "top".getBytes(StandardCharsets.US_ASCII));

        List<Path> data = image.directory("/data");
        assertEquals(List.of(top.resolve("data"), base.resolve("data")), data);
        Path volume = Files.createDirectory(dir.resolve("volume"));
        image.copy(data, volume, null);
        assertEquals(List.of("kept", "link", "over", "sub", "sub/hard", "sub/new"), tree(volume));
        assertEquals(Files.getAttribute(volume.resolve("sub/new"), "unix:ino"),
                Files.getAttribute(volume.resolve("sub/hard"), "unix:ino"), "hard links stay one file");
        assertEquals("top", new String(SYSCALLS.getXattr(volume.resolve("over"), "user.origin"),
                StandardCharsets.US_ASCII));
        assertEquals(null, SYSCALLS.getXattr(volume.resolve("sub"), "trusted.overlay.opaque"), "overlayfs' own stay");
        assertEquals("top version", Files.readString(volume.resolve("over")));
        assertEquals(04750, (Integer) Files.getAttribute(volume.resolve("kept"), "unix:mode") & 07777);
        assertEquals(123, Files.getAttribute(volume.resolve("kept"), "unix:uid"));
        assertTrue(Files.isSymbolicLink(volume.resolve("link")), "links are copied as links");
        assertEquals(Path.of("/etc/shadow"), Files.readSymbolicLink(volume.resolve("link")));
    }

    @Test
    void linksOnTheWayAreFollowedInsideTheImageAloneNeverToTheHost() throws Exception {
        write(base, "etc/shadow", "the image's");
        Files.createSymbolicLink(top.resolve("escape"), Path.of("../../../../etc"));
        Files.createSymbolicLink(top.resolve("up"), Path.of("../host/etc"));
        Files.createSymbolicLink(top.resolve("absolute"), dir.resolve("host/etc"));
        assertEquals(List.of(base.resolve("etc")), image.directory("/escape"), "'..' stops at the image's root");
        assertEquals(List.of(), image.directory("/up"), "on the host, the link leads to " + host);
        assertEquals(List.of(), image.directory("/absolute"), "an absolute target is the image's path, not the host's");
        assertEquals(List.of(base.resolve("etc")), image.directory("/../../etc"));
    }

    @Test
    void aFileAWhiteoutOrNothingAtThePathSeedsNothing() throws Exception {
        write(base, "file", "x");
        write(base, "gone/x", "x");
        SYSCALLS.mknod(top.resolve("gone"), WHITEOUT | 0600, 0);
        assertEquals(List.of(), image.directory("/file"));
        assertEquals(List.of(), image.directory("/gone"));
        assertEquals(List.of(), image.directory("/missing"));
        Files.createSymbolicLink(top.resolve("loop"), Path.of("loop"));
        assertFalse(assertThrowsIo(() -> image.directory("/loop")).isEmpty());
    }

    private static String assertThrowsIo(org.junit.jupiter.api.function.Executable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, call).getMessage();
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

}
