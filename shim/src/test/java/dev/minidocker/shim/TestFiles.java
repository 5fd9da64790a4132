package dev.minidocker.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File chores of tests. */
final class TestFiles {
    private TestFiles() {
    }

    /**
     * Deletes the symbolic links under {@code dir}: links out of a temp dir are the point of some
     * tests, and JUnit warns about each one when it cleans up.
     */
    static void removeLinks(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path link : paths.filter(Files::isSymbolicLink).toList()) {
                Files.delete(link);
            }
        }
    }
}
