package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whiteouts and opaque directories need root (mknod, trusted.* xattrs), as every test here runs. */
class ContainerChangesTest {
    private final Syscalls sys = Syscalls.system();

    @TempDir
    Path dir;

    private Path tree(String name, String... files) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        for (String f : files) {
            if (f.endsWith("/")) {
                Files.createDirectories(root.resolve(f));
            } else {
                Files.createDirectories(root.resolve(f).getParent());
                Files.writeString(root.resolve(f), f);
            }
        }
        return root;
    }

    private void whiteout(Path p) throws IOException {
        sys.mknod(p, Syscalls.S_IFCHR, 0);
    }

    private List<String> changes(Path upper, Path... lowers) throws IOException {
        return ContainerChanges.of(upper, List.of(lowers), sys).stream().map(Object::toString).toList();
    }

    @Test
    void addedChangedAndDeletedWithTheirDirectoriesChanged() throws IOException {
        Path lower = tree("lower", "etc/passwd", "bin/ls", "tmp/");
        Path upper = tree("upper", "etc/passwd", "tmp/x", "new/sub/f", "etc/hostname");
        Files.createDirectories(upper.resolve("bin"));
        whiteout(upper.resolve("bin/ls"));
        assertEquals(List.of("C /bin", "D /bin/ls", "C /etc", "C /etc/passwd", "A /new", "A /new/sub",
                "A /new/sub/f", "C /tmp", "A /tmp/x"), changes(upper, lower));
    }

    @Test
    void aWhiteoutOfWhatTheImageDidNotHaveIsNoChange() throws IOException {
        Path lower = tree("lower", "a/");
        Path upper = tree("upper", "a/");
        whiteout(upper.resolve("a/ghost"));
        assertEquals(List.of(), changes(upper, lower));
    }

    @Test
    void anOpaqueDirectoryDeletesWhatTheImageHadInIt() throws IOException {
        Path lower = tree("lower", "d/old", "d/kept");
        Path upper = tree("upper", "d/kept");
        sys.setXattr(upper.resolve("d"), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("C /d", "C /d/kept", "D /d/old"), changes(upper, lower));
    }

    @Test
    void theImagesOwnWhiteoutsAndOpaqueDirectoriesHideLowerLayers() throws IOException {
        Path bottom = tree("bottom", "gone", "d/hidden");
        Path top = tree("top", "d/");
        whiteout(top.resolve("gone"));
        sys.setXattr(top.resolve("d"), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        Path upper = tree("upper", "gone", "d/hidden");
        assertEquals(List.of("C /d", "A /d/hidden", "A /gone"), changes(upper, top, bottom));
    }
}
