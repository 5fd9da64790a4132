package dev.minidocker.store.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The canned registry documents under {@code src/test/resources/oci/}. */
final class Canned {
    private Canned() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Canned.class.getResourceAsStream("/oci/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource oci/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String name, Class<T> type) throws IOException {
        return OciJson.read(bytes(name), type);
    }
}
