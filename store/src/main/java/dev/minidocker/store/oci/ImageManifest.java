package dev.minidocker.store.oci;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import java.util.List;
import java.util.Map;

/** An image manifest (OCI or Docker schema2): the config and the layers in order. */
public record ImageManifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
        Map<String, String> annotations) {
    public ImageManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    public static ImageManifest fromJson(JsonObject json) throws JsonException {
        return new ImageManifest(json.integer("schemaVersion"), json.string("mediaType"),
                json.object("config", Descriptor::fromJson), json.objects("layers", Descriptor::fromJson),
                json.stringMap("annotations"));
    }
}
