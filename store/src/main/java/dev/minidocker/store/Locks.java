package dev.minidocker.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Named locks that hold across processes (a file lock under {@code locks/}) and across the threads
 * of one process (a JVM lock, since the JDK refuses two overlapping file locks in one process).
 * The kernel drops a file lock when its process dies, so a killed pull never leaves a lock behind.
 */
public final class Locks {
    private final Path dir;
    private final ConcurrentHashMap<String, ReentrantReadWriteLock> local = new ConcurrentHashMap<>();

    Locks(Path dir) {
        this.dir = dir;
    }

    /** A held lock; close to release. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the lock named {@code name} exclusively, waiting for other holders. */
    public Held exclusive(String name) throws StoreException {
        return take(name, false);
    }

    /** Takes the lock named {@code name} shared with other shared holders. */
    public Held shared(String name) throws StoreException {
        return take(name, true);
    }

    private Held take(String name, boolean shared) throws StoreException {
        ReentrantReadWriteLock jvmLock = local.computeIfAbsent(name, n -> new ReentrantReadWriteLock());
        var jvmSide = shared ? jvmLock.readLock() : jvmLock.writeLock();
        jvmSide.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock fileLock = channel.lock(0, Long.MAX_VALUE, shared);
            FileChannel owned = channel;
            return () -> {
                try {
                    fileLock.release();
                    owned.close();
                } catch (IOException ignored) {
                    // Closing the channel releases the lock in any case.
                } finally {
                    jvmSide.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // Already failing; the first error is the one to report.
            }
            jvmSide.unlock();
            throw new StoreException("lock " + name + ": " + e.getMessage(), e);
        }
    }
}
