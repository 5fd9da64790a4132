package dev.minidocker.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of /proc read whole in their first read. A sysctl file (cap_last_cap, ip_local_port_range)
 * answers only a read at offset 0, and its size says 0: {@link Files#readString}, which sizes its
 * first read by the file's size, gets "40" as "4".
 */
public final class ProcFiles {
    private ProcFiles() {
    }

    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
