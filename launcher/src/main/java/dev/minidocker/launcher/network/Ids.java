package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Network and endpoint ids as Docker's: 32 bytes of the kernel's random source as hex, read directly
 * (SecureRandom's providers cost a command milliseconds to set up), as the launcher makes container ids.
 */
final class Ids {
    private Ids() {
    }

    static String random() throws LaunchException {
        byte[] bytes = new byte[32];
        try (var in = Files.newInputStream(Path.of("/dev/urandom"))) {
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                throw new IOException("short read");
            }
        } catch (IOException e) {
            throw new LaunchException("read /dev/urandom for an id: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
