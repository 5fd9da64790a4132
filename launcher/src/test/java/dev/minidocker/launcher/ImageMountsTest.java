package dev.minidocker.launcher;

import dev.minidocker.launcher.plan.OverlayPlan;
import dev.minidocker.launcher.plan.ProcessPlan;
import dev.minidocker.launcher.plan.RunFlags;
import dev.minidocker.launcher.plan.SpecBuilder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageMountsTest {
    @TempDir
    Path root;
    private Store store;
    private ImageMounts mounts;

    @BeforeEach
    void open() throws Exception {
        store = Store.open(root, notice -> { });
        mounts = new ImageMounts(store, Syscalls.system());
    }

    private static Digest digest(String seed) {
        return Digest.of(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** An image whose layers, bottom first, have these diff-ids. */
    private static ImageRecord image(Digest... diffIds) {
        List<ImageRecord.Layer> layers = Arrays.stream(diffIds)
                .map(d -> new ImageRecord.Layer(digest("blob of " + d), MediaTypes.OCI_LAYER_GZIP, 10, d)).toList();
        return new ImageRecord(digest("config"), digest("manifest"), MediaTypes.OCI_MANIFEST,
                Platform.parse("linux/amd64"), null, layers, 0);
    }

    private void unpacked(Digest... diffIds) throws Exception {
        for (Digest d : diffIds) {
            Files.createDirectories(store.layers().diffDir(d));
        }
    }

    @Test
    void aOneLayerImageGetsAnEmptySecondLower() throws Exception {
        Digest base = digest("base");
        unpacked(base);
        ImageRecord image = image(base);
        Path dir = root.resolve("mounts").resolve(image.id().hex());
        OverlayPlan plan = mounts.plan(image);
        assertEquals(List.of(store.layers().diffDir(base), dir.resolve("empty")), plan.lowerDirs());
        assertEquals(dir.resolve("merged"), plan.target());
        assertTrue(plan.readOnly());
        assertEquals("lowerdir=" + store.layers().diffDir(base) + ":" + dir.resolve("empty"), plan.mountOptions());
    }

    @Test
    void lowersAreTheLayersTopmostFirst() throws Exception {
        Digest base = digest("base");
        Digest middle = digest("middle");
        Digest top = digest("top");
        unpacked(base, middle, top);
        OverlayPlan plan = mounts.plan(image(base, middle, top));
        assertEquals(List.of(store.layers().diffDir(top), store.layers().diffDir(middle),
                store.layers().diffDir(base)), plan.lowerDirs());
    }

    @Test
    void aMissingLayerIsNamed() throws Exception {
        Digest base = digest("base");
        Digest top = digest("top");
        unpacked(base);
        ImageRecord image = image(base, top);
        LaunchException e = assertThrows(LaunchException.class, () -> mounts.plan(image));
        assertEquals("mount image " + image.id().shortHex() + ": layer " + top
                + " is missing from the store; pull the image again", e.getMessage());
    }

    @Test
    void anImageWithoutLayersCannotBeMounted() {
        ImageRecord image = image();
        LaunchException e = assertThrows(LaunchException.class, () -> mounts.plan(image));
        assertEquals("mount image " + image.id().shortHex() + ": the image has no layers", e.getMessage());
    }

    @Test
    void nothingIsMountedInAFreshStore() throws Exception {
        assertEquals(java.util.Set.of(), mounts.mounted());
        assertFalse(mounts.isMounted(digest("config")));
        mounts.unmount(digest("config"));
    }
}
