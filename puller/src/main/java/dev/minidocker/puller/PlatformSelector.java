package dev.minidocker.puller;

import dev.minidocker.store.oci.Descriptor;
import dev.minidocker.store.oci.ImageIndex;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.util.List;
import java.util.Optional;

/**
 * Picks the manifest for a platform from an index. Attestation manifests (BuildKit puts them in
 * Docker Hub indexes as {@code unknown/unknown}) and entries of unknown media types are skipped, as
 * the image spec asks; an exact variant match beats an entry that names no variant.
 */
final class PlatformSelector {
    private static final String REFERENCE_TYPE = "vnd.docker.reference.type";

    private PlatformSelector() {
    }

    static Descriptor select(ImageIndex index, Platform wanted, String subject) throws PullException {
        List<Descriptor> usable = index.manifests().stream()
                .filter(d -> MediaTypes.MANIFESTS.contains(d.mediaType()) || MediaTypes.INDEXES.contains(d.mediaType()))
                .filter(d -> !"attestation-manifest".equals(d.annotation(REFERENCE_TYPE)))
                .toList();
        Optional<Descriptor> exact = usable.stream()
                .filter(d -> d.platform() != null && wanted.matches(d.platform())
                        && wanted.variant() != null && wanted.variant().equals(d.platform().variant()))
                .findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        Optional<Descriptor> matching = usable.stream()
                .filter(d -> d.platform() != null && wanted.matches(d.platform())).findFirst();
        if (matching.isPresent()) {
            return matching.get();
        }
        // A nested index without a platform of its own may hold the wanted one.
        Optional<Descriptor> nested = usable.stream()
                .filter(d -> d.platform() == null && MediaTypes.INDEXES.contains(d.mediaType())).findFirst();
        if (nested.isPresent()) {
            return nested.get();
        }
        throw new PullException("pull " + subject + ": no matching manifest for " + wanted
                + " in the manifest list entries" + available(usable));
    }

    private static String available(List<Descriptor> usable) {
        List<String> platforms = usable.stream().filter(d -> d.platform() != null)
                .map(d -> d.platform().toString()).distinct().toList();
        return platforms.isEmpty() ? "" : " (the image has " + String.join(", ", platforms) + ")";
    }
}
