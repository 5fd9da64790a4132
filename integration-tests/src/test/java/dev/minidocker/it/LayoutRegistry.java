package dev.minidocker.it;

import java.nio.file.Path;
import java.util.List;

/**
 * Test images of one test class: an OCI layout in a directory of their own and a registry they
 * are pushed to (started on the first push); {@link #close()} stops the one and removes the other.
 */
final class LayoutRegistry implements AutoCloseable {
    private final Path directory;
    private final OciLayout layout;
    private TestRegistry registry;

    LayoutRegistry(String prefix) {
        this.directory = TempDirs.create(prefix);
        this.layout = new OciLayout(directory.resolve("layout"));
    }

    /** Where the layout is, and room for what else the images need. */
    Path directory() {
        return directory;
    }

    OciLayout layout() {
        return layout;
    }

    /** Pushes the layout's images tagged {@code names}, each as {@code NAME:latest}. */
    void push(String... names) {
        if (registry == null) {
            registry = TestRegistry.start(TestRegistry.Mode.PLAIN);
        }
        for (String name : names) {
            Skopeo.run(List.of("--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false",
                    "oci:" + layout.directory() + ":" + name, "docker://" + reference(name)));
        }
    }

    /** {@code name}'s reference in the registry, as a user types it. */
    String reference(String name) {
        return registry.address() + "/" + name + ":latest";
    }

    @Override
    public void close() {
        try (TestRegistry started = registry) {
            registry = null;
        } finally {
            TempDirs.delete(directory);
        }
    }
}
