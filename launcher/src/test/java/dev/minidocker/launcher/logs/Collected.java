package dev.minidocker.launcher.logs;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given. */
final class Collected implements LogSink {
    final List<LogEntry> entries = new ArrayList<>();
    int flushes;

    @Override
    public synchronized boolean accept(LogEntry entry) {
        entries.add(entry);
        return true;
    }

    @Override
    public synchronized boolean flush() {
        flushes++;
        return true;
    }

    synchronized List<String> logs() {
        return entries.stream().map(LogEntry::log).toList();
    }
}
