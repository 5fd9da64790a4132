package dev.minidocker.launcher.tty;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** What the user would see: the relay's output, which a test can wait on. */
final class Screen extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        notifyAll();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits up to 10 s for {@code expected} to appear. */
    synchronized void await(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!text().contains(expected)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("screen never showed " + expected + ", only " + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
