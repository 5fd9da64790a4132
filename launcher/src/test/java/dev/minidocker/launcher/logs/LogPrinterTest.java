package dev.minidocker.launcher.logs;

import static dev.minidocker.launcher.logs.MonitorLog.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogPrinterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void eachStreamToItsOwnAndPiecesRunOn() {
        LogPrinter printer = new LogPrinter(out, err, false);
        printer.accept(new LogEntry("a long line cut ", false, T0));
        printer.accept(new LogEntry("oops\n", true, T0));
        printer.accept(new LogEntry("here\n", false, T0));
        printer.accept(new LogEntry("été 😀\n", false, T0));
        assertTrue(printer.flush());
        assertEquals("a long line cut here\nété 😀\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("oops\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void timestampsComeFirstOnEachEntry() {
        LogPrinter printer = new LogPrinter(out, err, true);
        printer.accept(new LogEntry("hello\n", false, T0));
        printer.accept(new LogEntry("oops\n", true, T0.plusNanos(11)));
        printer.flush();
        assertEquals("2026-11-28T18:55:34.123456789Z hello\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("2026-11-28T18:55:34.123456800Z oops\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSwitchOfStreamsFlushesTheOtherSoThatOneTerminalSeesTheOrder() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        LogPrinter printer = new LogPrinter(new BufferedOutputStream(terminal), new BufferedOutputStream(terminal), false);
        printer.accept(new LogEntry("1\n", false, T0));
        printer.accept(new LogEntry("2\n", true, T0));
        printer.accept(new LogEntry("3\n", false, T0));
        printer.flush();
        assertEquals("1\n2\n3\n", terminal.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aClosedOutputSaysSo() {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        LogPrinter printer = new LogPrinter(closed, err, false);
        assertFalse(printer.accept(new LogEntry("hello\n", false, T0)));
        assertFalse(printer.flush() && printer.accept(new LogEntry("x", false, T0)));
    }
}
