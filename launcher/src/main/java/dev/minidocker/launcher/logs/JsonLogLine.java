package dev.minidocker.launcher.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * One line of a json-file log, {@code {"log":"text\n","stream":"stdout","time":"2026-11-28T18:55:34.123456789Z"}},
 * read with Jackson's streaming parser: a log of many megabytes makes no tree per line.
 */
final class JsonLogLine {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonLogLine() {
    }

    /**
     * The entry on {@code bytes[offset, offset + length)}, or null for what is no entry: a line torn
     * while it was written, or one without a log, a known stream or a time (Docker prints those
     * nowhere either). Bytes that are no UTF-8 read as U+FFFD, as Go's decoder reads them.
     */
    static LogEntry parse(byte[] bytes, int offset, int length) {
        String line = new String(bytes, offset, length, StandardCharsets.UTF_8);
        String log = null;
        String stream = null;
        Instant time = null;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "log" -> log = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "stream" -> stream = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "time" -> time = value == JsonToken.VALUE_STRING ? LogTime.instant(parser.getText()) : null;
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (IOException | DateTimeException e) {
            return null;
        }
        if (log == null || time == null || !("stdout".equals(stream) || "stderr".equals(stream))) {
            return null;
        }
        return new LogEntry(log, stream.equals("stderr"), time);
    }
}
