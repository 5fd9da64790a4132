package dev.minidocker.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Small files replaced whole: readers see the old content or the new, never a torn one. */
public final class AtomicFiles {
    /**
     * Temp names are this process's pid and a count, not Files.createTempFile's random ones: its
     * SecureRandom would be seeded in every command that writes a file. CREATE_NEW still refuses a name that exists.
     * (Package-private: a test takes the names it will try next.)
     */
    static final AtomicLong COUNT = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to a temp file in {@code tmp} (same filesystem) and renames it onto {@code target}. */
    public static void write(Path target, byte[] bytes, Path tmp) throws IOException {
        Path temp = reserve(tmp, target.getFileName().toString());
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A new empty temp file for {@code name}, mode 0600 as Files.createTempFile makes them (credentials go this way). */
    private static Path reserve(Path tmp, String name) throws IOException {
        while (true) {
            Path temp = tmp.resolve(name + "." + PID + "." + COUNT.incrementAndGet() + ".tmp");
            try {
                Files.newByteChannel(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        OWNER_ONLY).close();
                return temp;
            } catch (FileAlreadyExistsException taken) {
                // Left by a process that had this pid before: the next count.
            }
        }
    }
}
