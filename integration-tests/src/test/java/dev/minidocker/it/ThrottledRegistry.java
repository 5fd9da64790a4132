package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.minidocker.it.RandomLayerImages.Image;
import dev.minidocker.it.RandomLayerImages.RandomFile;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A registry of one test class behind a {@link ThrottledProxy}, with the {@link RandomLayerImages}
 * the class pushes to it; all stopped and removed after the class, and checked to be so. Register
 * as a static field: {@code @RegisterExtension static final ThrottledRegistry REGISTRY =
 * ThrottledRegistry.at(4_000_000);}
 */
final class ThrottledRegistry implements BeforeAllCallback, AfterAllCallback {
    private final long bytesPerSecond;
    private RandomLayerImages images;
    private TestRegistry registry;
    private ThrottledProxy proxy;

    private ThrottledRegistry(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Pulls through the proxy get {@code bytesPerSecond} from the registry, shared by all connections. */
    static ThrottledRegistry at(long bytesPerSecond) {
        return new ThrottledRegistry(bytesPerSecond);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        images = RandomLayerImages.create();
        registry = TestRegistry.start(TestRegistry.Mode.PLAIN);
        proxy = ThrottledProxy.start(registry.address(), bytesPerSecond);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try (RandomLayerImages built = images; TestRegistry started = registry; ThrottledProxy listening = proxy) {
            // Closed in reverse order, each even if another fails.
        }
        assertFalse(registry.isRunning(), "registry still running");
        assertFalse(proxy.isListening(), "proxy still listening");
    }

    /** Builds an image of one layer per file and pushes it as {@code repository:latest}. */
    Image push(String repository, List<RandomFile> files) {
        Image image = images.build(repository, files);
        images.push(image, registry, repository + ":latest");
        return image;
    }

    /** {@code repository:latest} as pulled through the proxy. */
    String reference(String repository) {
        return proxy.address() + "/" + repository + ":latest";
    }

    ThrottledProxy proxy() {
        return proxy;
    }
}
