package dev.minidocker.launcher.logs;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads a container's json-file log, as {@code docker logs} does: the entries there are, and,
 * while the monitor writes, those that come, across rotations, until the monitor is gone.
 *
 * <p>The files are read as a chain: each open file, known by its inode, is read to its end; once
 * the current name stands for another file (a rotation), the old one can grow no more: it is read
 * to its end, and the files that came after it are opened next, however many rotations there were.
 */
public final class JsonLogReader {
    private static final Duration POLL = Duration.ofMillis(50);

    private final LogFiles files;
    private final LogSink sink;
    private final Instant until;
    /** Dropped once an entry reaches it: later entries are not filtered. */
    private Instant since;
    /** The files to read, oldest first; the last one is the newest opened. */
    private final Deque<LogFile> chain = new ArrayDeque<>();

    private JsonLogReader(Path log, LogQuery query, LogSink sink) {
        this.files = new LogFiles(log);
        this.sink = sink;
        this.since = query.since();
        this.until = query.until();
    }

    /**
     * Hands {@code sink} the entries of the log whose current file is {@code log} that
     * {@code query} selects; then, as long as {@code following} answers true (asked before each
     * look at the files), what the monitor writes next, polling. It ends after the look that
     * followed a false answer: everything the monitor wrote has been read then.
     */
    public static void read(Path log, LogQuery query, LogSink sink, BooleanSupplier following)
            throws LaunchException, InterruptedException {
        JsonLogReader reader = new JsonLogReader(log, query, sink);
        try {
            reader.open(query.tail());
            while (true) {
                boolean more = following.getAsBoolean();
                boolean going = reader.readWritten(!more);
                if (!sink.flush() || !going || !more) {
                    return;
                }
                Thread.sleep(POLL);
            }
        } catch (IOException e) {
            throw new LaunchException("read log " + log + ": " + e.getMessage(), e);
        } finally {
            reader.close();
        }
    }

    private void open(int tail) throws IOException {
        List<LogFile> all = files.openAfter(null);
        int first = tail < 0 ? 0 : Tail.seek(all, tail);
        LogFiles.closeAll(all.subList(0, first));
        chain.addAll(all.subList(first, all.size()));
    }

    /**
     * Reads what the files hold now; with {@code last}, a line left without its {@code \n} too
     * (no more will come). False when the reading ended: past {@code until}, or no output.
     */
    private boolean readWritten(boolean last) throws IOException {
        while (true) {
            LogFile head = chain.peekFirst();
            if (head == null) {
                // No file when the reading began: the ones the monitor has made since.
                List<LogFile> opened = files.openAfter(null);
                if (opened.isEmpty()) {
                    return true;
                }
                chain.addAll(opened);
                continue;
            }
            if (!head.read(this::line)) {
                return false;
            }
            List<LogFile> newer = List.of();
            if (chain.size() == 1 && !head.key().equals(files.currentKey())) {
                newer = files.openAfter(head.key());
            }
            if (chain.size() == 1 && newer.isEmpty()) {
                // Still the file written, or renamed with no new one yet.
                return !last || head.readRest(this::line);
            }
            // Rotated away: what was written before the rename, then the next file.
            boolean going = head.read(this::line) && head.readRest(this::line);
            chain.removeFirst().close();
            chain.addAll(newer);
            if (!going) {
                return false;
            }
        }
    }

    private boolean line(byte[] bytes, int offset, int length) {
        LogEntry entry = JsonLogLine.parse(bytes, offset, length);
        if (entry == null) {
            return true;
        }
        if (since != null) {
            if (entry.time().isBefore(since)) {
                return true;
            }
            since = null;
        }
        if (until != null && entry.time().isAfter(until)) {
            return false;
        }
        return sink.accept(entry);
    }

    private void close() throws LaunchException {
        try {
            LogFiles.closeAll(List.copyOf(chain));
        } catch (IOException e) {
            throw new LaunchException("close log files: " + e.getMessage(), e);
        }
    }
}
