package dev.minidocker.store.oci;

import java.util.List;

/** An OCI image index or Docker manifest list: one manifest per platform. */
public record ImageIndex(int schemaVersion, String mediaType, List<Descriptor> manifests) {
    public ImageIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }
}
