package dev.minidocker.it;

/**
 * An image the tests push and pull: where it goes in the registry ({@code repository:tag}), which
 * image of the test layout it is made from, how skopeo pushes it, and which image of the layout
 * umoci unpacks into the tree a pull must reproduce.
 *
 * @param source       the layout reference pushed
 * @param expectedTree the layout reference whose {@code umoci unpack} is the expected root
 *                     filesystem: the same image, its gzip twin when umoci cannot read the layers
 *                     (zstd), or the manifest that an index resolves to on this machine
 */
record TestImage(String repository, String tag, String source, Push push, String expectedTree) {

    /** How the image is pushed, which decides the media types the registry serves. */
    enum Push {
        /** As made: OCI media types, the layers' digests and compression kept. */
        OCI,
        /** Converted to Docker schema 2 media types. */
        DOCKER,
        /** An OCI index with every manifest it lists. */
        OCI_INDEX,
        /** An index converted to a Docker manifest list. */
        DOCKER_LIST
    }

    /** {@code repository:tag} at {@code registry}, as a user types it. */
    String at(TestRegistry registry) {
        return registry.address() + "/" + repository + ":" + tag;
    }

    @Override
    public String toString() {
        return repository + ":" + tag + " (" + push + ")";
    }
}
