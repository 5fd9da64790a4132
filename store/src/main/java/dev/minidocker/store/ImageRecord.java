package dev.minidocker.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.minidocker.store.oci.Platform;
import java.util.List;

/**
 * A pulled image as the store keeps it. Its id is the config digest, as Docker's image id.
 *
 * @param manifestDigest the digest of the platform manifest (not of an index that led to it)
 * @param created the config's creation time, as written there
 * @param size the bytes of the unpacked layers' files, as Docker's SIZE column
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageRecord(Digest id, Digest manifestDigest, String manifestMediaType, Platform platform,
        String created, List<Layer> layers, long size) {

    public ImageRecord {
        layers = List.copyOf(layers);
    }

    /** One layer: its blob as pulled and its tree as unpacked. */
    public record Layer(Digest blob, String mediaType, long blobSize, Digest diffId) {
    }

    public List<Digest> diffIds() {
        return layers.stream().map(Layer::diffId).toList();
    }
}
