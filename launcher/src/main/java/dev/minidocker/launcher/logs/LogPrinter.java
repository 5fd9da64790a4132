package dev.minidocker.launcher.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints entries as {@code docker logs} does: stdout entries on stdout, stderr entries on stderr,
 * each as it was written (a piece without {@code \n} runs on into the next), after its time with
 * {@code -t}. The streams are buffered; one is flushed before the other is written, so that where
 * both reach one terminal or file the entries keep their order.
 */
public final class LogPrinter implements LogSink {
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final boolean timestamps;
    private OutputStream lastWritten;

    public LogPrinter(OutputStream stdout, OutputStream stderr, boolean timestamps) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.timestamps = timestamps;
    }

    @Override
    public boolean accept(LogEntry entry) {
        OutputStream out = entry.stderr() ? stderr : stdout;
        try {
            if (lastWritten != null && lastWritten != out) {
                lastWritten.flush();
            }
            lastWritten = out;
            if (timestamps) {
                out.write((LogTime.format(entry.time()) + " ").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(entry.log().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    @Override
    public boolean flush() {
        try {
            stdout.flush();
            stderr.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
