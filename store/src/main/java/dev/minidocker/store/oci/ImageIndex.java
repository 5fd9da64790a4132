package dev.minidocker.store.oci;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import java.util.List;

/** An OCI image index or Docker manifest list: one manifest per platform. */
public record ImageIndex(int schemaVersion, String mediaType, List<Descriptor> manifests) {
    public ImageIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    public static ImageIndex fromJson(JsonObject json) throws JsonException {
        return new ImageIndex(json.integer("schemaVersion"), json.string("mediaType"),
                json.objects("manifests", Descriptor::fromJson));
    }
}
