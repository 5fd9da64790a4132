package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.it.RandomLayerImages.Image;
import dev.minidocker.it.RandomLayerImages.RandomFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pulls into one store at the same time agree: every pull succeeds, and the store holds one copy
 * of each blob and layer and one image per reference. The pulls go through a proxy that sends
 * 2 MB/s, so that they are downloading while the others start.
 */
class ConcurrentPullIT {
    private static final long BYTES_PER_SECOND = 2_000_000;
    private static final int MIB = 1024 * 1024;
    private static final int PULLS = 8;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @RegisterExtension
    static final ThrottledRegistry REGISTRY = ThrottledRegistry.at(BYTES_PER_SECOND);
    private static Image first;
    private static Image second;

    @RegisterExtension
    final Minidocker minidocker = new Minidocker();
    private final List<StartedMinidocker> started = new ArrayList<>();

    @BeforeAll
    static void pushTwoImagesWithOneBase() {
        RandomFile base = RandomFile.of("base/base.bin", 2 * MIB, 11);
        first = REGISTRY.push("first", List.of(base, RandomFile.of("first/top.bin", MIB, 12)));
        second = REGISTRY.push("second", List.of(base, RandomFile.of("second/top.bin", MIB, 13)));
    }

    @AfterEach
    void noPullLeftRunning() {
        started.forEach(StartedMinidocker::close);
        assertEquals(List.of(), StartedMinidocker.running(), "minidocker processes left running");
    }

    @Test
    void eightPullsOfOneImageStoreItOnce() {
        String reference = REGISTRY.reference("first");

        pullAtOnce(PULLS, reference);

        Path root = minidocker.root();
        StoreFiles.assertIntact(root);
        assertEquals(StoreFiles.blobNames(first.blobs()), StoreFiles.blobs(root), "one copy of each blob");
        assertEquals(2, StoreFiles.layers(root).size(), "one copy of each layer: " + StoreFiles.layers(root));
        StoreFiles.assertTmpEmpty(root);
        List<String> listed = minidocker.run("images").assertSuccess().stdoutLines();
        assertEquals(2, listed.size(), "a header and one image\n" + listed);
    }

    @Test
    void twoImagesSharingABaseLayerPulledAtOnce() {
        String firstReference = REGISTRY.reference("first");
        String secondReference = REGISTRY.reference("second");

        pullAtOnce(1, firstReference, secondReference);

        Path root = minidocker.root();
        StoreFiles.assertIntact(root);
        List<String> blobs = Stream.concat(first.blobs().stream(), second.blobs().stream()).toList();
        assertEquals(StoreFiles.blobNames(blobs), StoreFiles.blobs(root), "the shared base blob once, the rest of each image");
        assertEquals(3, StoreFiles.layers(root).size(), "the base layer once: " + StoreFiles.layers(root));
        StoreFiles.assertTmpEmpty(root);
        List<String> listed = minidocker.run("images").assertSuccess().stdoutLines();
        assertEquals(3, listed.size(), "a header and two images\n" + listed);
    }

    /** Starts {@code copies} pulls of each reference together and checks that every one succeeds. */
    private void pullAtOnce(int copies, String... references) {
        for (int i = 0; i < copies; i++) {
            for (String reference : references) {
                started.add(StartedMinidocker.start(minidocker, "pull", reference));
            }
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            CommandResult result = started.get(i).await(DEADLINE);
            String reference = references[i % references.length];
            if (!result.succeeded() || !result.lastStdoutLine().equals(reference)) {
                failures.add(result.toString());
            }
        }
        assertEquals(List.of(), failures, "pulls that failed");
    }
}
