package dev.minidocker.puller.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineProgressTest {
    private static final Digest LAYER = Digest.parse("sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4");
    private static final Digest OTHER = Digest.parse("sha256:ec562eabd705d25bfea8c8d79e4610775e375524af00552fe871d3338261563c");
    private static final Digest MANIFEST = Digest.of(new byte[0]);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LineProgress progress = new LineProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aPullReadsAsDocker() {
        ImageReference busybox = ImageReference.parse("busybox");
        progress.start(busybox);
        progress.layer(OTHER, LayerState.ALREADY_EXISTS, 0, 0);
        progress.layer(LAYER, LayerState.WAITING, 0, 4_260_000);
        progress.layer(LAYER, LayerState.DOWNLOADING, 0, 4_260_000);
        progress.layer(LAYER, LayerState.DOWNLOADING, 1_000_000, 4_260_000);
        progress.layer(LAYER, LayerState.DOWNLOADING, 4_260_000, 4_260_000);
        progress.layer(LAYER, LayerState.DOWNLOAD_COMPLETE, 4_260_000, 4_260_000);
        progress.layer(LAYER, LayerState.EXTRACTING, 4_260_000, 4_260_000);
        progress.layer(LAYER, LayerState.PULL_COMPLETE, 4_260_000, 4_260_000);
        progress.finish(busybox, MANIFEST, false);
        assertEquals(List.of(
                "latest: Pulling from library/busybox",
                "ec562eabd705: Already exists",
                "a3ed95caeb02: Waiting",
                "a3ed95caeb02: Downloading 4.26MB",
                "a3ed95caeb02: Download complete",
                "a3ed95caeb02: Extracting",
                "a3ed95caeb02: Pull complete",
                "Digest: " + MANIFEST,
                "Status: Downloaded newer image for busybox:latest"), lines());
    }

    @Test
    void aDownloadOfUnknownSizeNamesNoSize() {
        progress.layer(LAYER, LayerState.DOWNLOADING, 0, -1);
        progress.layer(LAYER, LayerState.DOWNLOADING, 10, -1);
        assertEquals(List.of("a3ed95caeb02: Downloading"), lines());
    }

    @Test
    void layersInterleaveWithOneLinePerChange() {
        progress.layer(LAYER, LayerState.DOWNLOADING, 1, 1000);
        progress.layer(OTHER, LayerState.DOWNLOADING, 1, 2000);
        progress.layer(LAYER, LayerState.DOWNLOADING, 500, 1000);
        progress.layer(OTHER, LayerState.DOWNLOADING, 500, 2000);
        assertEquals(List.of("a3ed95caeb02: Downloading 1kB", "ec562eabd705: Downloading 2kB"), lines());
    }

    /** The lines of a pull of {@code typed} that had no layers to report. */
    private List<String> headerAndStatus(String typed, boolean upToDate) {
        ImageReference ref = ImageReference.parse(typed);
        progress.start(ref);
        progress.finish(ref, MANIFEST, upToDate);
        return lines();
    }

    @Test
    void anImageAlreadyPresentIsUpToDate() {
        assertEquals(List.of(
                "v2: Pulling from user/app",
                "Digest: " + MANIFEST,
                "Status: Image is up to date for user/app:v2"), headerAndStatus("user/app:v2", true));
    }

    @Test
    void anotherRegistryIsNamedInTheStatusOnly() {
        assertEquals(List.of(
                "t: Pulling from a/b",
                "Digest: " + MANIFEST,
                "Status: Downloaded newer image for localhost:5000/a/b:t"),
                headerAndStatus("localhost:5000/a/b:t", false));
    }

    @Test
    void aPullByDigestNamesTheDigest() {
        assertEquals(List.of(
                MANIFEST + ": Pulling from library/busybox",
                "Digest: " + MANIFEST,
                "Status: Downloaded newer image for busybox@" + MANIFEST),
                headerAndStatus("busybox@" + MANIFEST, false));
    }

    @Test
    void warningsAreMarked() {
        progress.warn("The requested image's platform (linux/arm64/v8) does not match the detected host platform");
        assertEquals(List.of("WARNING: The requested image's platform (linux/arm64/v8) does not match the detected"
                + " host platform"), lines());
    }
}
