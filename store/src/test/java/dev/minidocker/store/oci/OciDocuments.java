package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;

/**
 * What the fuzz targets of the OCI documents check, read through the one entry point the puller
 * uses ({@link OciJson#read}), whatever engine is behind it: a document is refused with an
 * IOException and nothing else; one that is read is whole (no descriptor without a digest, no
 * null in a list) and reads back the same from what it is written as.
 */
final class OciDocuments {
    private OciDocuments() {
    }

    /** The document read, or null when it is refused with an IOException; also written and read back. */
    static <T> T readOrRefuse(byte[] json, Class<T> type) throws IOException {
        T read;
        try {
            read = OciJson.read(json, type);
        } catch (IOException refused) {
            return null;
        }
        if (read != null) {
            assertEquals(read, OciJson.read(OciJson.write(read), type), "read back from what it is written as");
        }
        return read;
    }

    static void assertWhole(Descriptor d) {
        assertNotNull(d, "a descriptor");
        assertNotNull(d.digest(), "a descriptor's digest");
    }
}
