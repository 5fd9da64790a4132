package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -v} host paths made when missing, as Docker's {@code -v} makes them. */
class BindSourcesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingHostDirectoryIsMadeAndWhatExistsIsLeftAlone() throws Exception {
        Path missing = dir.resolve("a/b");
        Path file = Files.writeString(dir.resolve("file"), "kept");
        BindSources.create(List.of(missing + ":/data", file + ":/etc/file:ro", "named:/v", "/anonymous"), null,
                Narrator.silent());
        assertTrue(Files.isDirectory(missing));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(missing)));
        assertEquals("kept", Files.readString(file));
        assertEquals(List.of("a", "file"), Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList(),
                "volumes are no host paths");
    }
}
