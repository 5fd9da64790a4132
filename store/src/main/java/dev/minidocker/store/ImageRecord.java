package dev.minidocker.store;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import dev.minidocker.store.oci.Platform;
import java.util.List;

/**
 * A pulled image as the store keeps it ({@code images/sha256/<id>.json}). Its id is the config
 * digest, as Docker's image id.
 *
 * @param manifestDigest the digest of the platform manifest (not of an index that led to it)
 * @param created the config's creation time, as written there
 * @param size the bytes of the unpacked layers' files, as Docker's SIZE column
 */
public record ImageRecord(Digest id, Digest manifestDigest, String manifestMediaType, Platform platform,
        String created, List<Layer> layers, long size) implements JsonWritable {

    public ImageRecord {
        layers = List.copyOf(layers);
    }

    public static ImageRecord fromJson(JsonObject json) throws JsonException {
        List<Layer> layers = json.objects("layers", Layer::fromJson);
        return new ImageRecord(json.string("id", Digest::parse), json.string("manifestDigest", Digest::parse),
                json.string("manifestMediaType"), json.object("platform", Platform::fromJson), json.string("created"),
                layers == null ? List.of() : layers, json.number("size"));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().addNonNull("id", id).addNonNull("manifestDigest", manifestDigest)
                .addNonNull("manifestMediaType", manifestMediaType).addNonNull("platform", platform)
                .addNonNull("created", created).addNonNull("layers", layers).add("size", size);
    }

    /** One layer: its blob as pulled and its tree as unpacked. */
    public record Layer(Digest blob, String mediaType, long blobSize, Digest diffId) implements JsonWritable {
        static Layer fromJson(JsonObject json) throws JsonException {
            return new Layer(json.string("blob", Digest::parse), json.string("mediaType"), json.number("blobSize"),
                    json.string("diffId", Digest::parse));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("blob", blob).add("mediaType", mediaType).add("blobSize", blobSize)
                    .add("diffId", diffId);
        }
    }

    public List<Digest> diffIds() {
        return layers.stream().map(Layer::diffId).toList();
    }
}
