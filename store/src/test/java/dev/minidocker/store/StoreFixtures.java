package dev.minidocker.store;

import dev.minidocker.spec.json.Json;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Images and layers put straight into a store, without a registry or an unpacker. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    /** A digest derived from a word, so tests can name distinct blobs. */
    static Digest digest(String seed) {
        return Digest.of(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** A digest with a chosen hex prefix, to build ids that share one. */
    static Digest digestStartingWith(String prefix) {
        return new Digest("sha256", prefix + digest(prefix).hex().substring(prefix.length()));
    }

    /** Puts {@code content} in the store's blobs and returns its digest. */
    static Digest blob(Store store, String content) throws StoreException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.of(bytes);
        store.blobs().put(d, bytes);
        return d;
    }

    static ImageRecord.Layer layer(Digest blob, Digest diffId) {
        return new ImageRecord.Layer(blob, MediaTypes.OCI_LAYER_GZIP, 100, diffId);
    }

    static ImageRecord image(Digest id, Digest manifest, ImageRecord.Layer... layers) {
        return new ImageRecord(id, manifest, MediaTypes.OCI_MANIFEST, Platform.parse("linux/amd64"),
                "2024-01-01T00:00:00Z", List.of(layers), 1234);
    }

    /**
     * Writes an unpacked layer as LayerStore leaves one: {@code diff/}, here with one file of
     * {@code size} bytes, and {@code layer.json}.
     */
    static void unpackedLayer(Store store, Digest diffId, int size) throws IOException {
        Path dir = store.root().resolve("layers/sha256/" + diffId.hex());
        Files.createDirectories(dir.resolve("diff"));
        Files.write(dir.resolve("diff/content"), new byte[size]);
        Files.write(dir.resolve("layer.json"), Json.write(new LayerStore.LayerInfo(diffId, size)));
    }
}
