package dev.minidocker.puller;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands a download's bytes to the thread that unpacks them, so that download and unpack run at
 * once. A bounded queue of chunks: the writer blocks when the reader falls behind. When one side
 * fails, the other stops too: the reader sees the writer's error, the writer gets a
 * {@link ConsumerFailedException} (unchecked, so that a download retry loop does not mistake it
 * for a network error).
 */
final class BytePipe {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(64);
    private volatile Throwable writerFailure;
    private volatile Throwable readerFailure;

    /** Thrown to the writer when the reader gave up. */
    static final class ConsumerFailedException extends RuntimeException {
        ConsumerFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(byte[] b, int off, int len) {
                if (len > 0) {
                    byte[] chunk = new byte[len];
                    System.arraycopy(b, off, chunk, 0, len);
                    put(chunk);
                }
            }

            @Override
            public void write(int b) {
                put(new byte[] {(byte) b});
            }
        };
    }

    /** The writer is done: the reader sees the end of the stream after the queued chunks. */
    void finish() {
        put(END);
    }

    /** The writer failed: the reader gets an IOException with this cause. */
    void fail(Throwable cause) {
        writerFailure = cause;
        chunks.clear();
        chunks.offer(END);
    }

    private void put(byte[] chunk) {
        try {
            while (!chunks.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (readerFailure != null) {
                    throw new ConsumerFailedException(readerFailure);
                }
            }
            if (readerFailure != null) {
                throw new ConsumerFailedException(readerFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerFailedException(e);
        }
    }

    InputStream source() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;
            private boolean ended;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (pos == current.length) {
                    if (ended) {
                        return -1;
                    }
                    next();
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }

            private void next() throws IOException {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                pos = 0;
                if (current == END) {
                    ended = true;
                    if (writerFailure != null) {
                        throw new IOException(writerFailure.getMessage(), writerFailure);
                    }
                }
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    /** The reader failed: the writer's next write throws. */
    void abandon(Throwable cause) {
        readerFailure = cause;
        chunks.clear();
    }
}
