package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> list(Path d) throws IOException {
        try (var files = Files.list(d)) {
            return files.toList();
        }
    }

    @Test
    void writesAndReplacesWholeLeavingNoTempFile() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path target = dir.resolve("repositories.json");
        AtomicFiles.write(target, "{\"a\":1}".getBytes(), tmp);
        assertEquals("{\"a\":1}", Files.readString(target));
        AtomicFiles.write(target, "{}".getBytes(), tmp);
        assertEquals("{}", Files.readString(target));
        assertEquals(List.of(), list(tmp));
        assertEquals(List.of(target, tmp), list(dir).stream().sorted().toList());
    }

    @Test
    void aFailedWriteLeavesNoTempFileAndTheOldContent() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path inside = Files.createDirectories(dir.resolve("a-directory/inside"));
        Path target = inside.getParent();
        assertThrows(IOException.class, () -> AtomicFiles.write(target, "x".getBytes(), tmp));
        assertEquals(List.of(), list(tmp));
        assertEquals(List.of(inside), list(target));
    }

    @Test
    void aTempFileLeftByAnEarlierProcessOfTheSamePidIsLeftAloneAndTheFileIsOwnersOnly() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path target = dir.resolve("config.json");
        long pid = ProcessHandle.current().pid();
        long next = AtomicFiles.COUNT.get() + 1;
        List<Path> leftovers = new java.util.ArrayList<>();
        for (long i = next; i < next + 3; i++) {
            leftovers.add(Files.writeString(tmp.resolve("config.json." + pid + "." + i + ".tmp"), "old"));
        }
        AtomicFiles.write(target, "{\"auths\":{}}".getBytes(), tmp);
        assertEquals("{\"auths\":{}}", Files.readString(target));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)));
        assertEquals(leftovers.stream().sorted().toList(), list(tmp).stream().sorted().toList());
    }
}
