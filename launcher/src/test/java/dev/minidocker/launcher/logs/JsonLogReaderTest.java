package dev.minidocker.launcher.logs;

import static dev.minidocker.launcher.logs.MonitorLog.T0;
import static dev.minidocker.launcher.logs.MonitorLog.numbered;
import static dev.minidocker.launcher.logs.MonitorLog.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading what is there (no following): order, rotated files, --tail, --since, --until, torn lines. */
@Timeout(20)
class JsonLogReaderTest {
    @TempDir
    Path dir;

    private MonitorLog log() {
        return new MonitorLog(dir);
    }

    /** 0..9 in .2, 10..19 in .1, 20..29 in the current file. */
    private MonitorLog threeFiles() {
        MonitorLog log = log();
        for (int i = 0; i < 30; i++) {
            log.append(numbered(i));
            if (i % 10 == 9 && i < 29) {
                log.rotate();
            }
        }
        return log;
    }

    private List<String> read(MonitorLog log, LogQuery query) throws LaunchException, InterruptedException {
        Collected sink = new Collected();
        JsonLogReader.read(log.current, query, sink, () -> false);
        return sink.logs();
    }

    @Test
    void readsEveryFileOldestFirst() throws Exception {
        assertEquals(numbers(0, 30), read(threeFiles(), LogQuery.ALL));
    }

    @Test
    void noFileIsNoEntry() throws Exception {
        assertEquals(List.of(), read(log(), LogQuery.ALL));
        assertEquals(List.of(), read(new MonitorLog(dir.resolve("gone")), new LogQuery(5, null, null)));
    }

    @Test
    void tailCountsBackAcrossRotatedFiles() throws Exception {
        MonitorLog log = threeFiles();
        assertEquals(numbers(27, 30), read(log, new LogQuery(3, null, null)));
        assertEquals(numbers(20, 30), read(log, new LogQuery(10, null, null)));
        assertEquals(numbers(15, 30), read(log, new LogQuery(15, null, null)));
        assertEquals(numbers(5, 30), read(log, new LogQuery(25, null, null)));
        assertEquals(numbers(0, 30), read(log, new LogQuery(30, null, null)));
        assertEquals(numbers(0, 30), read(log, new LogQuery(1000, null, null)));
        assertEquals(List.of(), read(log, new LogQuery(0, null, null)));
        log.rotate();
        assertEquals(numbers(28, 30), read(log, new LogQuery(2, null, null)), "an empty current file");
    }

    @Test
    void tailReadsBackThroughLinesLongerThanItsBlocks() throws Exception {
        MonitorLog log = log();
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Escaped, each line is about 140 KiB: more than two of the 64 KiB blocks.
            pieces.add(("\u0001" + i).repeat(20 * 1024));
            log.write(pieces.getLast(), "stdout", T0);
        }
        assertEquals(pieces.subList(4, 6), read(log, new LogQuery(2, null, null)));
        assertEquals(pieces, read(log, LogQuery.ALL));
    }

    @Test
    @Timeout(5)
    void tailReadsNothingBeforeTheLinesItShows() throws Exception {
        MonitorLog log = threeFiles();
        // The oldest file, 64 GiB of zeros (sparse): reading it, or keeping it, would not end in time.
        try (RandomAccessFile oldest = new RandomAccessFile(log.rotated(2).toFile(), "rw")) {
            oldest.setLength(64L << 30);
        }
        assertEquals(numbers(15, 30), read(log, new LogQuery(15, null, null)));
    }

    @Test
    void tailOfManyShortLines() throws Exception {
        MonitorLog log = log();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append(numbered(i));
        }
        log.append(lines.toString());
        assertEquals(numbers(12_345, 20_000), read(log, new LogQuery(7_655, null, null)));
    }

    @Test
    void aTornLastLineIsSkippedAndNotCounted() throws Exception {
        MonitorLog log = log();
        for (int i = 0; i < 3; i++) {
            log.append(numbered(i));
        }
        log.append(numbered(3).substring(0, 20));
        assertEquals(numbers(0, 3), read(log, LogQuery.ALL));
        assertEquals(numbers(1, 3), read(log, new LogQuery(2, null, null)));
    }

    @Test
    void aLastLineWithoutItsNewlineIsReadWhenItIsWhole() throws Exception {
        MonitorLog log = log().append(numbered(0)).append(numbered(1).strip());
        assertEquals(numbers(0, 2), read(log, LogQuery.ALL));
    }

    @Test
    void linesThatAreNoEntriesAreSkipped() throws Exception {
        MonitorLog log = log().append(numbered(0)).append("\n").append("garbage\n").append("{\"log\":\n")
                .append(numbered(1));
        assertEquals(numbers(0, 2), read(log, LogQuery.ALL));
    }

    @Test
    void partialEntriesAreHandedOnAsTheyAre() throws Exception {
        MonitorLog log = log().write("a long line cut ", "stdout", T0).write("here\n", "stdout", T0)
                .write("the end, unterminated", "stderr", T0);
        assertEquals(List.of("a long line cut ", "here\n", "the end, unterminated"), read(log, LogQuery.ALL));
    }

    @Test
    void sinceAndUntilBoundTheEntriesShown() throws Exception {
        MonitorLog log = threeFiles();
        assertEquals(numbers(10, 30), read(log, new LogQuery(-1, T0.plusMillis(10), null)));
        assertEquals(numbers(0, 21), read(log, new LogQuery(-1, null, T0.plusMillis(20))));
        assertEquals(numbers(12, 15), read(log, new LogQuery(-1, T0.plusMillis(12), T0.plusMillis(14))));
        assertEquals(List.of(), read(log, new LogQuery(-1, T0.plusMillis(100), null)));
        assertEquals(numbers(25, 30), read(log, new LogQuery(10, T0.plusMillis(25), null)), "tail, then since");
    }

    @Test
    void sinceFiltersUntilTheFirstEntryItLetsThroughAndUntilStopsAtTheFirstPastIt() throws Exception {
        // A clock that stepped back: Docker shows what follows the first entry in the window.
        MonitorLog log = log().append(numbered(5)).append(numbered(20)).append(numbered(3)).append(numbered(30))
                .append(numbered(4));
        assertEquals(List.of("line 20\n", "line 3\n", "line 30\n", "line 4\n"),
                read(log, new LogQuery(-1, T0.plusMillis(10), null)));
        assertEquals(List.of("line 5\n"), read(log, new LogQuery(-1, null, T0.plusMillis(10))));
    }

    @Test
    void theOutputGoneEndsTheReading() throws Exception {
        MonitorLog log = threeFiles();
        List<LogEntry> taken = new ArrayList<>();
        LogSink closesAfterTwo = new LogSink() {
            @Override
            public boolean accept(LogEntry entry) {
                taken.add(entry);
                return taken.size() < 2;
            }

            @Override
            public boolean flush() {
                return true;
            }
        };
        JsonLogReader.read(log.current, LogQuery.ALL, closesAfterTwo, () -> true);
        assertEquals(2, taken.size());
        assertTrue(taken.getLast().log().equals("line 1\n"));
    }
}
