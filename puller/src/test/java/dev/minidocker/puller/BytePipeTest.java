package dev.minidocker.puller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BytePipeTest {
    private final BytePipe pipe = new BytePipe();
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        writer.shutdownNow();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code data} on the writer thread in chunks of varied sizes, single bytes among them. */
    private Future<?> writeElsewhere(byte[] data, boolean finish) {
        return writer.submit(() -> {
            OutputStream sink = pipe.sink();
            int pos = 0;
            int step = 1;
            while (pos < data.length) {
                int n = Math.min(step, data.length - pos);
                if (n == 1) {
                    sink.write(data[pos]);
                } else {
                    sink.write(data, pos, n);
                }
                pos += n;
                step = step * 3 % 8191 + 1;
            }
            if (finish) {
                pipe.finish();
            }
            return null;
        });
    }

    @Test
    void bytesPassInOrderAcrossThreads() throws Exception {
        byte[] data = randomBytes(2 << 20);
        Future<?> written = writeElsewhere(data, true);
        assertArrayEquals(data, pipe.source().readAllBytes());
        written.get(5, TimeUnit.SECONDS);
    }

    @Test
    void singleByteReadsSeeTheSameStream() throws Exception {
        byte[] data = {1, (byte) 0xff, 0, 127};
        writeElsewhere(data, true).get(5, TimeUnit.SECONDS);
        InputStream source = pipe.source();
        for (byte b : data) {
            assertEquals(b & 0xff, source.read());
        }
        assertEquals(-1, source.read());
        assertEquals(-1, source.read(new byte[4], 0, 4));
    }

    @Test
    void emptyWritesAndReadsAreNoOps() throws Exception {
        pipe.sink().write(new byte[8], 3, 0);
        pipe.sink().write(new byte[] {7});
        pipe.finish();
        InputStream source = pipe.source();
        assertEquals(0, source.read(new byte[1], 0, 0));
        assertArrayEquals(new byte[] {7}, source.readAllBytes());
    }

    @Test
    void aWriterFailureReachesTheReaderAsIOException() throws Exception {
        IOException reset = new IOException("connection reset");
        Future<?> written = writer.submit(() -> {
            pipe.sink().write(randomBytes(1000));
            pipe.fail(reset);
            return null;
        });
        IOException e = assertThrows(IOException.class, () -> pipe.source().readAllBytes());
        assertEquals("connection reset", e.getMessage());
        assertSame(reset, e.getCause());
        written.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailureIsNotStuckBehindAFullPipe() throws Exception {
        OutputStream sink = pipe.sink();
        for (int i = 0; i < 64; i++) {
            sink.write(new byte[1000]);
        }
        pipe.fail(new IllegalStateException("digest mismatch"));
        IOException e = assertThrows(IOException.class, () -> pipe.source().readAllBytes());
        assertEquals("digest mismatch", e.getMessage());
    }

    @Test
    void aReaderAbandonMakesTheNextWriteThrowConsumerFailed() {
        IllegalStateException badTar = new IllegalStateException("invalid tar header");
        pipe.abandon(badTar);
        RuntimeException e = assertThrows(BytePipe.ConsumerFailedException.class,
                () -> pipe.sink().write(new byte[10]));
        assertSame(badTar, e.getCause());
        assertEquals("invalid tar header", e.getMessage());
        assertFalse(IOException.class.isInstance(e), "a download retry loop must not take it for a network error");
        assertThrows(BytePipe.ConsumerFailedException.class, () -> pipe.sink().write(1));
        assertThrows(BytePipe.ConsumerFailedException.class, pipe::finish);
    }

    @Test
    void aReaderThatStopsEarlyAndAbandonsDoesNotDeadlockTheWriter() throws Exception {
        Future<?> written = writeElsewhere(randomBytes(8 << 20), true);
        pipe.source().readNBytes(100);
        pipe.abandon(new IOException("unpack failed"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> written.get(5, TimeUnit.SECONDS));
        assertEquals(BytePipe.ConsumerFailedException.class, e.getCause().getClass());
        assertEquals("unpack failed", e.getCause().getMessage());
    }
}
