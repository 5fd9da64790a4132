package dev.minidocker.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Small files replaced whole: readers see the old content or the new, never a torn one. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code bytes} to a temp file in {@code tmp} (same filesystem) and renames it onto {@code target}. */
    public static void write(Path target, byte[] bytes, Path tmp) throws IOException {
        Path temp = Files.createTempFile(tmp, target.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
