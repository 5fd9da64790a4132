package dev.minidocker.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import dev.minidocker.linux.Sha256;

/**
 * One blob being written: bytes go to {@code tmp/ingest/<hex>}, hashed as they are written; commit
 * checks size and digest, then renames into {@code blobs/}. A partial file left by an interrupted
 * pull is kept and resumed from its length by the next ingest of the same blob (the bytes already
 * there are hashed again first), so a cancelled pull does not lose what it downloaded.
 */
public final class BlobIngest implements AutoCloseable {
    private final Digest expected;
    private final long expectedSize;
    private final Path partial;
    private final Path target;
    private final Locks.Held lock;
    private Sha256 hash;
    private long written;
    private FileChannel channel;
    private boolean done;

    BlobIngest(Digest expected, long expectedSize, Path partial, Path target, Locks.Held lock) throws StoreException {
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.partial = partial;
        this.target = target;
        this.lock = lock;
        this.done = Files.isRegularFile(target);
        if (!done) {
            open();
        }
    }

    private void open() throws StoreException {
        hash = Digest.sha256();
        written = 0;
        try {
            channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long existing = channel.size();
            if (expectedSize >= 0 && existing > expectedSize) {
                channel.truncate(0);
                existing = 0;
            }
            try (InputStream in = Files.newInputStream(partial)) {
                byte[] buf = new byte[1 << 16];
                long left = existing;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        break;
                    }
                    hash.update(buf, 0, n);
                    left -= n;
                    written += n;
                }
            }
            channel.position(written);
        } catch (IOException e) {
            throw new StoreException("open ingest of blob " + expected + ": " + e.getMessage(), e);
        }
    }

    /** True when the blob is already in the store: nothing to write. */
    public boolean isComplete() {
        return done;
    }

    /** Bytes already written (by this ingest or by an interrupted one before it). */
    public long offset() {
        return written;
    }

    /** The bytes already written, to feed to a consumer that needs the whole stream. */
    public InputStream writtenSoFar() throws IOException {
        return new java.io.BufferedInputStream(
                java.nio.channels.Channels.newInputStream(FileChannel.open(partial, StandardOpenOption.READ)),
                1 << 16) {
            private long left = written;

            @Override
            public synchronized int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public synchronized int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    /** Drops what was written and starts again from byte 0 (a server that cannot resume). */
    public void restart() throws StoreException {
        try {
            channel.truncate(0);
            channel.position(0);
        } catch (IOException e) {
            throw new StoreException("restart ingest of blob " + expected + ": " + e.getMessage(), e);
        }
        hash = Digest.sha256();
        written = 0;
    }

    /** Where the bytes go; every byte is hashed on its way. */
    public OutputStream output() {
        OutputStream file = java.nio.channels.Channels.newOutputStream(channel);
        return new FilterOutputStream(file) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (expectedSize >= 0 && written + len > expectedSize) {
                    throw new IOException("blob " + expected + " is longer than the " + expectedSize
                            + " bytes its descriptor says");
                }
                file.write(b, off, len);
                hash.update(b, off, len);
                written += len;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void close() {
                // The ingest owns the channel.
            }
        };
    }

    /** Verifies size and digest, then moves the blob into place; a mismatch deletes the bytes. */
    public void commit() throws StoreException {
        if (done) {
            return;
        }
        Digest actual = Digest.of(hash);
        try {
            if (expectedSize >= 0 && written != expectedSize) {
                discard();
                throw new StoreException("verify blob " + expected + ": size mismatch, got " + written
                        + " bytes, want " + expectedSize);
            }
            if (!actual.equals(expected)) {
                discard();
                throw new StoreException("verify blob " + expected + ": digest mismatch, got " + actual);
            }
            channel.force(false);
            channel.close();
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StoreException("commit blob " + expected + ": " + partial + " and " + target
                        + " are on different filesystems");
            }
            done = true;
        } catch (IOException e) {
            throw new StoreException("commit blob " + expected + ": " + e.getMessage(), e);
        }
    }

    private void discard() throws IOException {
        channel.close();
        Files.deleteIfExists(partial);
    }

    /** Releases the lock; an unfinished partial file stays for the next pull to resume. */
    @Override
    public void close() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
        } catch (IOException ignored) {
            // The partial file is re-hashed on resume, so a failed close loses nothing.
        } finally {
            lock.close();
        }
    }
}
