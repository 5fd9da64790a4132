package dev.minidocker.launcher.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonLogLineTest {
    private static LogEntry parse(String line) {
        byte[] bytes = ("junk" + line + "junk").getBytes(StandardCharsets.UTF_8);
        return JsonLogLine.parse(bytes, 4, bytes.length - 8);
    }

    @Test
    void readsDockersLine() {
        LogEntry entry = parse("{\"log\":\"hello\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-28T18:55:34.123456789Z\"}");
        assertEquals(new LogEntry("hello\n", false, Instant.parse("2026-11-28T18:55:34.123456789Z")), entry);
    }

    @Test
    void readsStderrInAnyFieldOrderWithFieldsItDoesNotKnow() {
        LogEntry entry = parse("{\"time\":\"2026-11-28T18:55:34Z\",\"attrs\":{\"a\":[1,{\"b\":2}]},\"stream\":\"stderr\","
                + "\"log\":\"oops\\n\"}");
        assertEquals(new LogEntry("oops\n", true, Instant.parse("2026-11-28T18:55:34Z")), entry);
    }

    @Test
    void keepsAPartialLineAsItIs() {
        String piece = "x".repeat(16 * 1024);
        LogEntry entry = parse(MonitorLog.line(piece, "stdout", MonitorLog.T0).strip());
        assertEquals(piece, entry.log());
    }

    @Test
    void decodesEscapesAndUnicode() {
        LogEntry entry = parse("{\"log\":\"tab\\there \\\"q\\\" \\\\ \\u001b[31mred\\u001b[0m \\u00e9t\\u00e9 \\ud83d\\ude00 "
                + "\\u003chtml\\u003e ünï €\\r\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-28T18:55:34.1Z\"}");
        assertEquals("tab\there \"q\" \\ \u001b[31mred\u001b[0m été 😀 <html> ünï €\r\n", entry.log());
    }

    @Test
    void readsBytesThatAreNoUtf8AsReplacementCharacters() {
        byte[] bytes = "{\"log\":\"a?b\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-28T18:55:34Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        bytes[9] = (byte) 0xff;
        assertEquals("a\ufffdb\n", JsonLogLine.parse(bytes, 0, bytes.length).log());
    }

    @Test
    void readsTimesWithAnOffsetOrFewerDigits() {
        assertEquals(Instant.parse("2026-11-28T17:55:34.5Z"),
                parse("{\"log\":\"a\",\"stream\":\"stdout\",\"time\":\"2026-11-28T18:55:34.5+01:00\"}").time());
    }

    @Test
    void aTornLineIsNoEntry() {
        String line = MonitorLog.line("hello\n", "stdout", MonitorLog.T0).strip();
        for (int cut = 0; cut < line.length(); cut++) {
            assertNull(parse(line.substring(0, cut)), line.substring(0, cut));
        }
    }

    @Test
    void whatIsNoEntryIsNone() {
        assertNull(parse("not json"));
        assertNull(parse("[1,2]"));
        assertNull(parse("{\"log\":\"a\",\"stream\":\"stdout\",\"time\":\"2026-11-28T18:55:34Z\"}{}"));
        assertNull(parse("{\"stream\":\"stdout\",\"time\":\"2026-11-28T18:55:34Z\"}"));
        assertNull(parse("{\"log\":\"a\",\"stream\":\"stdin\",\"time\":\"2026-11-28T18:55:34Z\"}"));
        assertNull(parse("{\"log\":\"a\",\"stream\":\"stdout\",\"time\":\"yesterday\"}"));
        assertNull(parse("{\"log\":\"a\",\"stream\":\"stdout\"}"));
    }
}
