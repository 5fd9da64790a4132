package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.minidocker.spec.json.FromJson;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;

/**
 * What the fuzz targets of the OCI documents check, read as the puller reads them
 * ({@link JsonObject#read} with the record's {@code fromJson}): a document is refused with a
 * JsonException and nothing else; one that is read is whole (no descriptor without a digest, no
 * null in a list).
 */
final class OciDocuments {
    private OciDocuments() {
    }

    /** The document read, or null when it is refused with a JsonException. */
    static <T> T readOrRefuse(byte[] json, FromJson<T> reader) {
        try {
            return JsonObject.read(json, reader);
        } catch (JsonException refused) {
            return null;
        }
    }

    static void assertWhole(Descriptor d) {
        assertNotNull(d, "a descriptor");
        assertNotNull(d.digest(), "a descriptor's digest");
    }
}
