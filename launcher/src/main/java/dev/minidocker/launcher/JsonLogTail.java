package dev.minidocker.launcher;

import dev.minidocker.launcher.logs.JsonLogReader;
import dev.minidocker.launcher.logs.LogEntry;
import dev.minidocker.launcher.logs.LogQuery;
import dev.minidocker.launcher.logs.LogSink;
import java.nio.file.Path;
import java.util.Optional;

/** The end of a container's json-file log: what a failed start last said on stderr. */
final class JsonLogTail {
    /** Enough for the shim's one-line error and whatever the container printed just before. */
    private static final int ENTRIES = 20;

    private JsonLogTail() {
    }

    /** The last stderr entry of the log, its newline cut; empty when there is none or no log. */
    static Optional<String> lastError(Path jsonLog) throws InterruptedException {
        String[] last = new String[1];
        LogSink sink = new LogSink() {
            @Override
            public boolean accept(LogEntry entry) {
                if (entry.stderr()) {
                    last[0] = entry.log().stripTrailing();
                }
                return true;
            }

            @Override
            public boolean flush() {
                return true;
            }
        };
        try {
            JsonLogReader.read(jsonLog, new LogQuery(ENTRIES, null, null), sink, () -> false);
        } catch (LaunchException unreadable) {
            return Optional.empty();
        }
        return Optional.ofNullable(last[0]);
    }
}
