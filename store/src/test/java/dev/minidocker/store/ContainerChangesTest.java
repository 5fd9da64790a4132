package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerChangesTest {
    private static final FileTime TIME = FileTime.fromMillis(1_700_000_000_000L);

    @TempDir
    Path dir;

    private Path mkdirs(Path base, String... names) throws IOException {
        Path d = base;
        for (String name : names) {
            d = Files.createDirectories(d.resolve(name));
            Files.setLastModifiedTime(d, TIME);
        }
        return d;
    }

    private static List<String> changes(Path upper, Path... layers) throws StoreException {
        return ContainerChanges.of(upper, List.of(layers), Set.of("/etc/hosts")).stream().map(Object::toString).toList();
    }

    @Test
    void addedChangedAndParentsAsDockersDiff() throws Exception {
        Path lower = dir.resolve("lower");
        Path upper = dir.resolve("upper");
        Files.writeString(mkdirs(lower, "etc").resolve("passwd"), "root");
        Files.writeString(mkdirs(lower, "bin").resolve("sh"), "sh");
        Files.writeString(mkdirs(upper, "etc").resolve("passwd"), "root2");
        Files.writeString(upper.resolve("etc/new"), "new");
        Files.writeString(upper.resolve("etc/hosts"), "");
        Files.writeString(mkdirs(upper, "tmp", "a").resolve("f"), "f");
        Files.setLastModifiedTime(upper.resolve("etc"), TIME);
        assertEquals(List.of("C /etc", "A /etc/new", "C /etc/passwd", "A /tmp", "A /tmp/a", "A /tmp/a/f"),
                changes(upper, lower));
    }

    @Test
    void aDirectoryCopiedUpUnchangedIsNotListedItself() throws Exception {
        Path lower = dir.resolve("lower");
        Path upper = dir.resolve("upper");
        Files.writeString(mkdirs(lower, "bin").resolve("sh"), "sh");
        Files.writeString(mkdirs(upper, "bin").resolve("sh"), "sh2");
        Files.setLastModifiedTime(lower.resolve("bin"), TIME);
        Files.setLastModifiedTime(upper.resolve("bin"), TIME);
        assertEquals(List.of("C /bin/sh"), changes(upper, lower));
    }

    @Test
    void aLayerIsNotLookedIntoThroughALink() throws Exception {
        Path lower = dir.resolve("lower");
        Path upper = dir.resolve("upper");
        Files.createDirectories(lower);
        // The image's /etc is a link out of the layer: what it points at is not the image's.
        Files.createSymbolicLink(lower.resolve("etc"), Path.of("/etc"));
        Files.writeString(mkdirs(upper, "etc").resolve("passwd"), "x");
        assertEquals(List.of("C /etc", "A /etc/passwd"), changes(upper, lower));
    }

    @Test
    void aWhiteoutIsADeletion() throws Exception {
        Path lower = dir.resolve("lower");
        Path upper = dir.resolve("upper");
        Files.writeString(mkdirs(lower, "etc").resolve("passwd"), "root");
        mkdirs(upper, "etc");
        Process mknod = new ProcessBuilder("mknod", upper.resolve("etc/passwd").toString(), "c", "0", "0").start();
        assumeTrue(mknod.waitFor() == 0, "making a whiteout takes root");
        Files.setLastModifiedTime(upper.resolve("etc"), TIME);
        assertEquals(List.of("C /etc", "D /etc/passwd"), changes(upper, lower));
    }
}
