package dev.minidocker.it;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test images of one test class, built once before its first test, and a registry they are
 * pushed to; all removed after its last test. Register as a static field:
 * {@code @RegisterExtension static final PushedImages pushed = PushedImages.to(Mode.PLAIN);}
 */
final class PushedImages implements BeforeAllCallback, AfterAllCallback {
    private final TestRegistry.Mode mode;
    private TestImages images;
    private TestRegistry registry;
    private Map<TestImage, String> digests;

    private PushedImages(TestRegistry.Mode mode) {
        this.mode = mode;
    }

    /** Every image pushed to one registry of {@code mode}. */
    static PushedImages to(TestRegistry.Mode mode) {
        return new PushedImages(mode);
    }

    /** The images built, for tests that start their own registries. */
    static PushedImages builtOnly() {
        return new PushedImages(null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        images = TestImages.build();
        if (mode != null) {
            registry = TestRegistry.start(mode);
            digests = images.pushAll(registry);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try (TestImages built = images; TestRegistry started = registry) {
            images = null;
            registry = null;
        }
    }

    TestImages images() {
        return images;
    }

    TestRegistry registry() {
        return registry;
    }

    /** {@code repository:tag} of {@code image} in the registry, as a user types it. */
    String reference(TestImage image) {
        return image.at(registry);
    }

    /** The digest the registry stored {@code image}'s manifest (or index) under. */
    String digest(TestImage image) {
        return digests.get(image);
    }
}
