package dev.minidocker.launcher.logs;

/** Where a log's entries go: {@code logs} prints them, tests collect them. */
public interface LogSink {
    /** Takes one entry; false when the output is gone (a closed pipe), which ends the reading. */
    boolean accept(LogEntry entry);

    /** Writes out what was buffered: the reader has caught up with the monitor. False as {@link #accept}. */
    boolean flush();
}
