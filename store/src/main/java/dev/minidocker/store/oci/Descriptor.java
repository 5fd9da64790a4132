package dev.minidocker.store.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.minidocker.store.Digest;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor: what a blob is, its digest and its size. A descriptor without a
 * digest names nothing that could be fetched or checked: a document holding one is malformed.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls,
        Map<String, String> annotations, Platform platform) {
    public Descriptor {
        if (digest == null) {
            throw new IllegalArgumentException("a descriptor without a digest");
        }
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, null, null);
    }

    public String annotation(String key) {
        return annotations == null ? null : annotations.get(key);
    }
}
