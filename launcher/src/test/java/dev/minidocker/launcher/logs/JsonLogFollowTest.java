package dev.minidocker.launcher.logs;

import static dev.minidocker.launcher.logs.MonitorLog.T0;
import static dev.minidocker.launcher.logs.MonitorLog.numbered;
import static dev.minidocker.launcher.logs.MonitorLog.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Following: a writer thread plays the monitor (appends, tears lines, rotates) while the reader follows. */
@Timeout(30)
class JsonLogFollowTest {
    @TempDir
    Path dir;

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final Collected sink = new Collected();

    @AfterEach
    void stopReader() {
        reader.shutdownNow();
    }

    private Future<?> follow(MonitorLog log, LogQuery query) {
        return reader.submit(() -> {
            JsonLogReader.read(log.current, query, sink, writing::get);
            return null;
        });
    }

    /** Ends the writing as the monitor's exit does, and waits for the follower to drain and end. */
    private void finish(Future<?> following) throws Exception {
        writing.set(false);
        following.get(5, TimeUnit.SECONDS);
    }

    private void awaitEntries(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sink.logs().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void followsAcrossRotationsWhileLinesAreTorn() throws Exception {
        MonitorLog log = new MonitorLog(dir);
        Future<?> following = follow(log, LogQuery.ALL);
        for (int i = 0; i < 600; i++) {
            String line = numbered(i);
            if (i % 50 == 7) {
                // Written in two pieces, with a look of the follower between them.
                log.append(line.substring(0, 25));
                Thread.sleep(60);
                log.append(line.substring(25));
            } else {
                log.append(line);
            }
            if (i % 100 == 99) {
                log.rotate();
            }
            if (i % 20 == 0) {
                Thread.sleep(15);
            }
        }
        finish(following);
        assertEquals(numbers(0, 600), sink.logs());
    }

    @Test
    void severalRotationsBetweenTwoLooksLoseNothing() throws Exception {
        MonitorLog log = new MonitorLog(dir).append(numbered(0));
        Future<?> following = follow(log, LogQuery.ALL);
        awaitEntries(1);
        for (int i = 1; i < 40; i++) {
            log.append(numbered(i));
            if (i % 10 == 0) {
                log.rotate();
            }
        }
        finish(following);
        assertEquals(numbers(0, 40), sink.logs());
    }

    @Test
    void waitsForTheRestOfATornLine() throws Exception {
        MonitorLog log = new MonitorLog(dir);
        String line = MonitorLog.line("whole\n", "stderr", T0);
        log.append(line.substring(0, line.length() - 3));
        Future<?> following = follow(log, LogQuery.ALL);
        Thread.sleep(200);
        assertEquals(List.of(), sink.logs(), "nothing before the line is whole");
        log.append(line.substring(line.length() - 3));
        awaitEntries(1);
        finish(following);
        assertEquals(List.of(new LogEntry("whole\n", true, T0)), sink.entries);
    }

    @Test
    void aLineLeftTornWhenTheMonitorEndsIsSkipped() throws Exception {
        MonitorLog log = new MonitorLog(dir).append(numbered(0));
        Future<?> following = follow(log, LogQuery.ALL);
        log.append(numbered(1).substring(0, 30));
        awaitEntries(1);
        finish(following);
        assertEquals(numbers(0, 1), sink.logs());
    }

    @Test
    void waitsForTheLogToBeMade() throws Exception {
        MonitorLog log = new MonitorLog(dir);
        Future<?> following = follow(log, new LogQuery(0, null, null));
        Thread.sleep(150);
        log.append(numbered(0)).append(numbered(1));
        finish(following);
        assertEquals(numbers(0, 2), sink.logs());
    }

    @Test
    void tailThenFollow() throws Exception {
        MonitorLog log = new MonitorLog(dir);
        for (int i = 0; i < 10; i++) {
            log.append(numbered(i));
        }
        Future<?> following = follow(log, new LogQuery(3, null, null));
        awaitEntries(3);
        log.rotate();
        for (int i = 10; i < 15; i++) {
            log.append(numbered(i));
        }
        finish(following);
        assertEquals(numbers(7, 15), sink.logs());
    }

    @Test
    void anEntryPastUntilEndsTheFollowing() throws Exception {
        MonitorLog log = new MonitorLog(dir).append(numbered(0));
        Future<?> following = follow(log, new LogQuery(-1, null, T0.plusMillis(5)));
        awaitEntries(1);
        log.append(numbered(5)).append(numbered(6)).append(numbered(1));
        following.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("line 0\n", "line 5\n"), sink.logs());
    }

    @Test
    void keepsFollowingWhileTheMonitorRuns() throws Exception {
        MonitorLog log = new MonitorLog(dir).append(numbered(0));
        Future<?> following = follow(log, LogQuery.ALL);
        awaitEntries(1);
        Thread.sleep(300);
        assertFalse(following.isDone(), "ended while the monitor runs");
        finish(following);
    }
}
