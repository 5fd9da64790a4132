package dev.minidocker.launcher.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a json-file log in a temp dir as the monitor does: lines appended, rotation by renames. */
final class MonitorLog {
    static final Instant T0 = Instant.parse("2026-11-28T18:55:34.123456789Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path current;

    MonitorLog(Path dir) {
        this.current = dir.resolve("c0ffee-json.log");
    }

    /** One line as Docker's json-file driver writes it, fields in its order. */
    static String line(String log, String stream, Instant time) {
        Map<String, String> fields = new TreeMap<>(Map.of("log", log, "stream", stream, "time", time.toString()));
        try {
            return JSON.writeValueAsString(fields) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The i-th of a numbered series: {@code line i\n} on stdout, i milliseconds after {@link #T0}. */
    static String numbered(int i) {
        return line("line " + i + "\n", "stdout", T0.plusMillis(i));
    }

    static List<String> numbers(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add("line " + i + "\n");
        }
        return lines;
    }

    MonitorLog write(String log, String stream, Instant time) {
        return append(line(log, stream, time));
    }

    MonitorLog append(String text) {
        try {
            Files.writeString(current, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code .k} to {@code .k+1}, newest last, the current file to {@code .1}, then a new current file. */
    MonitorLog rotate() {
        try {
            int oldest = 0;
            while (Files.exists(rotated(oldest + 1))) {
                oldest++;
            }
            for (int k = oldest; k >= 1; k--) {
                Files.move(rotated(k), rotated(k + 1));
            }
            Files.move(current, rotated(1));
            Files.createFile(current);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path rotated(int k) {
        return current.resolveSibling(current.getFileName() + "." + k);
    }
}
