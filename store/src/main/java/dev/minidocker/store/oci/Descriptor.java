package dev.minidocker.store.oci;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.Digest;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor: what a blob is, its digest and its size. A descriptor without a
 * digest names nothing that could be fetched or checked: a document holding one is malformed.
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls,
        Map<String, String> annotations, Platform platform) {

    static Descriptor fromJson(JsonObject json) throws JsonException {
        return new Descriptor(json.string("mediaType"), json.requiredString("digest", Digest::parse),
                json.number("size"), json.strings("urls"), json.stringMap("annotations"),
                json.object("platform", Platform::fromJson));
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, null, null);
    }

    public String annotation(String key) {
        return annotations == null ? null : annotations.get(key);
    }
}
