package dev.minidocker.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
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
    /** About a minute of retries; a real deadlock cannot arise, as each thread waits for one lock at a time. */
    private static final int DEADLOCK_RETRIES = 1000;
    private final Path dir;
    private final ConcurrentHashMap<String, Local> local = new ConcurrentHashMap<>();

    Locks(Path dir) {
        this.dir = dir;
    }

    /** A held lock; close to release. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One name's lock inside this JVM. The JDK refuses a second file lock on a file this JVM has
     * locked already, even a shared one, so shared holders share one file lock: the first takes it,
     * the last releases it.
     */
    private static final class Local {
        final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();
        int sharedHolders; // guarded by this
        FileChannel sharedFile; // guarded by this; open while sharedHolders > 0
    }

    /**
     * Removes the file of a lock whose subject is gone for good (a removed container), so that lock
     * files do not pile up. A process still waiting on it then locks a file nobody else will open,
     * which is harmless: the subject it wanted is gone.
     */
    public void forget(String name) {
        try {
            java.nio.file.Files.deleteIfExists(dir.resolve(name + ".lock"));
        } catch (IOException ignored) {
            // A lock file left behind costs a directory entry, nothing more.
        }
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
        Local lock = local.computeIfAbsent(name, n -> new Local());
        var jvmSide = shared ? lock.threads.readLock() : lock.threads.writeLock();
        jvmSide.lock();
        try {
            if (!shared) {
                FileChannel file = lockFile(name, false);
                return () -> {
                    closeQuietly(file);
                    jvmSide.unlock();
                };
            }
            synchronized (lock) {
                if (lock.sharedHolders == 0) {
                    lock.sharedFile = lockFile(name, true);
                }
                lock.sharedHolders++;
            }
            return () -> {
                synchronized (lock) {
                    if (--lock.sharedHolders == 0) {
                        closeQuietly(lock.sharedFile);
                        lock.sharedFile = null;
                    }
                }
                jvmSide.unlock();
            };
        } catch (IOException | RuntimeException e) {
            jvmSide.unlock();
            throw new StoreException("lock " + name + ": " + e.getMessage(), e);
        }
    }

    /** Opens {@code locks/<name>.lock} and locks it whole; closing the channel releases the lock. */
    private FileChannel lockFile(String name, boolean shared) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    channel.lock(0, Long.MAX_VALUE, shared);
                    return channel;
                } catch (IOException e) {
                    // fcntl locks belong to processes, not threads: two pulls whose threads hold and
                    // wait for each other's blobs look like a deadlock to the kernel (EDEADLK) though
                    // each thread waits for one lock only. Waiting a moment and asking again is right.
                    if (!isDeadlockAvoided(e) || attempt == DEADLOCK_RETRIES) {
                        throw e;
                    }
                    pause(attempt);
                }
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static boolean isDeadlockAvoided(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("deadlock");
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(5, 20 + Math.min(attempt, 50) * 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a lock", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing the channel releases the lock in any case.
        }
    }
}
