package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.it.RandomLayerImages.Image;
import dev.minidocker.it.RandomLayerImages.RandomFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pull killed with SIGKILL at any point leaves a store that is whole (every blob is what its name
 * says, every layer directory is complete, no image is named half-pulled), the next pull finishes
 * the job, resuming a partial download where it stopped, and {@code image prune} clears what the
 * killed pull left in {@code tmp/}. The pulls go through a proxy that sends 4 MB/s, so a pull of
 * the 5.5 MiB image takes about 1.5 seconds and each kill point is reached in the middle of it.
 */
class PullFaultsIT {
    private static final long BYTES_PER_SECOND = 4_000_000;
    private static final int MIB = 1024 * 1024;
    /** Layers of different sizes: the smallest is unpacked while the others still download. */
    private static final List<RandomFile> FILES = List.of(
            RandomFile.of("small/first.bin", MIB / 2, 1),
            RandomFile.of("data/second.bin", 2 * MIB, 2),
            RandomFile.of("data/third.bin", 3 * MIB, 3));
    /** Request and response headers, manifest and config of one pull: a few kB; a resumed partial is more than 1 MB. */
    private static final long OVERHEAD = 64 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final ThrottledRegistry REGISTRY = ThrottledRegistry.at(BYTES_PER_SECOND);
    private static Image image;
    private static String reference;

    @RegisterExtension
    final Minidocker minidocker = new Minidocker();
    private StartedMinidocker pull;

    @BeforeAll
    static void pushTheImage() {
        image = REGISTRY.push("random", FILES);
        reference = REGISTRY.reference("random");
    }

    @AfterEach
    void noPullLeftRunning() {
        if (pull != null) {
            pull.close();
        }
        assertEquals(List.of(), StartedMinidocker.running(), "minidocker processes left running");
    }

    @Test
    void killedRightAfterStart() {
        killWhen(() -> pull.isJvm(), "the wrapper has exec'd the JVM");

        pullCompletesAndTheImageIsWhole();
    }

    @Test
    void killedWithAPartialDownloadResumesIt() {
        killWhen(this::hasAPartialDownloadOverOneMegabyte, "tmp/ingest has a partial download of more than 1 MB");
        long partial = partials().entrySet().stream().filter(e -> image.layerBlobs().contains("sha256:" + e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long missing = missingLayerBytes();
        REGISTRY.proxy().resetCount();

        pullCompletesAndTheImageIsWhole();
        long downloaded = REGISTRY.proxy().downloaded();
        assertTrue(downloaded <= missing - partial + OVERHEAD, "the pull after the kill downloaded " + downloaded
                + " bytes; the layer blobs missing were " + missing + " bytes, of which " + partial
                + " were in tmp/ingest to resume from (whole image: " + image.layerBytes() + " bytes of layers)");

        CommandResult prune = minidocker.run("image", "prune").assertSuccess();
        assertTrue(prune.lastStdoutLine().startsWith("Total reclaimed space: "), prune.toString());
        StoreFiles.assertTmpEmpty(minidocker.root());
        assertEquals(1, minidocker.run("images", "-q").assertSuccess().stdoutLines().size(), "prune kept the image");
    }

    @Test
    void killedAfterALayerWasUnpacked() {
        killWhen(() -> !StoreFiles.layers(minidocker.root()).isEmpty(), "a layer is under layers/sha256");
        assertFalse(StoreFiles.layers(minidocker.root()).isEmpty(), "the unpacked layer was kept");

        pullCompletesAndTheImageIsWhole();
    }

    @Test
    void pruneClearsWhatAKilledPullLeft() {
        killWhen(this::hasAPartialDownloadOverOneMegabyte, "tmp/ingest has a partial download of more than 1 MB");

        CommandResult prune = minidocker.run("image", "prune").assertSuccess();

        assertTrue(prune.lastStdoutLine().matches("Total reclaimed space: [0-9.]+[kMG]?B"), prune.toString());
        assertNotEquals("Total reclaimed space: 0B", prune.lastStdoutLine(), prune.toString());
        StoreFiles.assertTmpEmpty(minidocker.root());
        assertEquals(List.of(), StoreFiles.blobs(minidocker.root()), "blobs no image uses");
        assertEquals(List.of(), StoreFiles.layers(minidocker.root()), "layers no image uses");
    }

    /**
     * Starts a pull, waits while it runs until {@code condition} holds, kills it with SIGKILL and
     * checks what any kill must leave: a whole store that names no image.
     */
    private void killWhen(BooleanSupplier condition, String what) {
        pull = StartedMinidocker.start(minidocker, "pull", reference);
        waitWhileRunning(condition, what);
        assertEquals(137, pull.kill(), "the pull had finished before the kill\n" + pull.await(Duration.ZERO));
        StoreFiles.assertIntact(minidocker.root());
        assertFalse(Files.exists(minidocker.root().resolve("repositories.json")), "a killed pull names no image");
    }

    private boolean hasAPartialDownloadOverOneMegabyte() {
        return partials().values().stream().anyMatch(size -> size > 1_000_000);
    }

    /** Polls {@code condition} while the pull runs; fails if the pull ends first: the kill point was missed. */
    private void waitWhileRunning(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (!pull.isAlive()) {
                throw new AssertionError("the pull ended before " + what + "\n" + pull.await(Duration.ZERO));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void pullCompletesAndTheImageIsWhole() {
        Path root = minidocker.root();
        CommandResult completed = minidocker.run("pull", reference).assertSuccess();
        assertEquals(reference, completed.lastStdoutLine(), completed.toString());

        StoreFiles.assertIntact(root);
        assertEquals(StoreFiles.blobNames(image.blobs()), StoreFiles.blobs(root), "the image's blobs, each once");
        assertEquals(FILES.size(), StoreFiles.layers(root).size(), "layers: " + StoreFiles.layers(root));
        List<String> listed = minidocker.run("images").assertSuccess().stdoutLines();
        assertEquals(2, listed.size(), "a header and the image\n" + listed);
        assertTrue(listed.get(1).startsWith(REGISTRY.proxy().address() + "/random "), listed.get(1));

        Path mounted = minidocker.mount(reference);
        for (RandomFile file : FILES) {
            assertEquals(StoreFiles.sha256(file.content()), StoreFiles.sha256(mounted.resolve(file.path())), file.path());
        }
        minidocker.unmount(reference);
        assertEquals(List.of(), Mounts.under(root), "mounts left under the root");
    }

    /** The partial downloads in tmp/ingest and their sizes; a file that goes while listed is left out. */
    private Map<String, Long> partials() {
        Map<String, Long> sizes = new HashMap<>();
        for (String name : StoreFiles.names(minidocker.root(), "tmp/ingest")) {
            try {
                sizes.put(name, Files.size(minidocker.root().resolve("tmp/ingest").resolve(name)));
            } catch (NoSuchFileException committedMeanwhile) {
                // Renamed into blobs/ between listing and reading its size.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sizes;
    }

    /** Bytes of the layer blobs not yet in blobs/sha256: what a pull without resume downloads. */
    private long missingLayerBytes() {
        List<String> stored = StoreFiles.blobs(minidocker.root());
        long missing = 0;
        for (int i = 0; i < image.layerBlobs().size(); i++) {
            if (!stored.contains(image.layerBlobs().get(i).substring("sha256:".length()))) {
                missing += image.layerSizes().get(i);
            }
        }
        return missing;
    }
}
