package dev.minidocker.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minidocker.store.oci.OciJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The end of a container's json-file log: what a failed start last said on stderr. */
final class JsonLogTail {
    /** Enough for the shim's one-line error and whatever the container printed just before. */
    private static final int TAIL_BYTES = 64 * 1024;

    private JsonLogTail() {
    }

    /** The last stderr entry of the log, its newline cut; empty when there is none or no log. */
    static Optional<String> lastError(Path jsonLog) {
        List<String> lines;
        try (RandomAccessFile file = new RandomAccessFile(jsonLog.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            lines = List.of(new String(tail, StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines.reversed()) {
            try {
                JsonNode entry = OciJson.read(line.getBytes(StandardCharsets.UTF_8), JsonNode.class);
                if ("stderr".equals(entry.path("stream").asText())) {
                    return Optional.of(entry.path("log").asText().stripTrailing());
                }
            } catch (IOException cutOrForeign) {
                // The first line of the tail may be cut in two: not an entry.
            }
        }
        return Optional.empty();
    }
}
