package dev.minidocker.store.oci;

import dev.minidocker.spec.json.FromJson;
import dev.minidocker.spec.json.JsonObject;
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

    static <T> T read(String name, FromJson<T> reader) throws IOException {
        return JsonObject.read(bytes(name), reader);
    }
}
