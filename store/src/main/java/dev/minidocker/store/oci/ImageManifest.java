package dev.minidocker.store.oci;

import java.util.List;
import java.util.Map;

/** An image manifest (OCI or Docker schema2): the config and the layers in order. */
public record ImageManifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
        Map<String, String> annotations) {
    public ImageManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
