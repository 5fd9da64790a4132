package dev.minidocker.store;

import static dev.minidocker.store.StoreFixtures.blob;
import static dev.minidocker.store.StoreFixtures.digest;
import static dev.minidocker.store.StoreFixtures.digestStartingWith;
import static dev.minidocker.store.StoreFixtures.image;
import static dev.minidocker.store.StoreFixtures.layer;
import static dev.minidocker.store.StoreFixtures.unpackedLayer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path root;
    private Store store;

    @BeforeEach
    void open() throws StoreException {
        store = Store.open(root, notice -> { });
    }

    @Test
    void openCreatesTheLayoutAndIsRepeatable() throws Exception {
        for (String d : List.of("blobs/sha256", "layers/sha256", "images/sha256", "tmp/ingest", "locks", "mounts")) {
            assertTrue(Files.isDirectory(root.resolve(d)), d);
        }
        assertEquals(root.toAbsolutePath().normalize(), Store.open(root, notice -> { }).root());
        assertEquals(root.resolve("mounts"), store.mounts());
    }

    @Test
    void openFailsWithTheStorePath() throws Exception {
        Path file = Files.createFile(root.resolve("a-file"));
        StoreException e = assertThrows(StoreException.class, () -> Store.open(file, notice -> { }));
        assertTrue(e.getMessage().startsWith("open store " + file + ": "), e.getMessage());
    }

    private ImageRecord saved(ImageRecord image) throws StoreException {
        store.images().save(image);
        return image;
    }

    @Test
    void findImageByReference() throws Exception {
        ImageRecord busybox = saved(image(digest("config"), digest("manifest")));
        store.images().tag(ImageReference.parse("busybox:1.36"), new TagEntry(digest("index"), busybox.id()));
        assertEquals(Optional.of(busybox), store.findImage("busybox:1.36"));
        assertEquals(Optional.of(busybox), store.findImage("docker.io/library/busybox:1.36"));
        assertEquals(Optional.empty(), store.findImage("busybox"), "busybox means busybox:latest");
    }

    @Test
    void findImageByIdOrIdPrefix() throws Exception {
        ImageRecord image = saved(image(digest("config"), digest("manifest")));
        Digest id = image.id();
        assertEquals(Optional.of(image), store.findImage(id.toString()));
        assertEquals(Optional.of(image), store.findImage(id.hex()));
        assertEquals(Optional.of(image), store.findImage(id.shortHex()));
        assertEquals(Optional.of(image), store.findImage("sha256:" + id.hex().substring(0, 4)));
        assertEquals(Optional.empty(), store.findImage(digest("other").shortHex()));
        assertEquals(Optional.empty(), store.findImage("Not A Name!"));
    }

    @Test
    void aReferenceWinsOverAnIdPrefix() throws Exception {
        ImageRecord tagged = saved(image(digest("tagged"), digest("m1")));
        ImageRecord byPrefix = saved(image(digestStartingWith("abc"), digest("m2")));
        store.images().tag(ImageReference.parse("abc"), new TagEntry(tagged.manifestDigest(), tagged.id()));
        assertEquals(Optional.of(tagged), store.findImage("abc"));
        assertEquals(Optional.of(byPrefix), store.findImage("abc" + byPrefix.id().hex().charAt(3)));
    }

    @Test
    void anAmbiguousIdPrefixIsAnError() throws Exception {
        ImageRecord first = saved(image(digestStartingWith("abc1"), digest("m1")));
        saved(image(digestStartingWith("abc2"), digest("m2")));
        StoreException e = assertThrows(StoreException.class, () -> store.findImage("abc"));
        assertEquals("find image abc: ambiguous id prefix, 2 images match", e.getMessage());
        assertEquals(Optional.of(first), store.findImage("abc1"));
    }

    @Test
    void garbageCollectionKeepsWhatIsNamedAndRemovesTheRest() throws Exception {
        // Tagged: its index, manifest, config and layers stay.
        Digest index = blob(store, "index of tagged");
        ImageRecord tagged = saved(image(blob(store, "config tagged"), blob(store, "manifest tagged"),
                layer(blob(store, "layer shared"), digest("diff shared")),
                layer(blob(store, "layer tagged"), digest("diff tagged"))));
        store.images().tag(ImageReference.parse("busybox"), new TagEntry(index, tagged.id()));
        // Untagged but kept (an image a container still uses).
        ImageRecord kept = saved(image(blob(store, "config kept"), blob(store, "manifest kept"),
                layer(blob(store, "layer kept"), digest("diff kept"))));
        // Untagged: its own blobs and layer go, the layer it shares stays.
        ImageRecord dangling = saved(image(blob(store, "config dangling"), blob(store, "manifest dangling"),
                layer(blob(store, "layer shared"), digest("diff shared")),
                layer(blob(store, "layer dangling"), digest("diff dangling"))));
        Digest orphanBlob = blob(store, "orphan");
        unpackedLayer(store, digest("diff shared"), 1000);
        unpackedLayer(store, digest("diff tagged"), 2000);
        unpackedLayer(store, digest("diff kept"), 3000);
        unpackedLayer(store, digest("diff dangling"), 4000);
        unpackedLayer(store, digest("diff orphan"), 5000);
        // Left by killed pulls.
        Files.write(root.resolve("tmp/ingest/" + digest("partial").hex()), new byte[300]);
        Path halfLayer = Files.createDirectories(root.resolve("tmp/layer-" + digest("x").hex() + "-1/diff/etc"));
        Files.write(halfLayer.resolve("passwd"), new byte[70]);
        long layerRecords = Files.size(store.layers().path(digest("diff dangling")).resolve("layer.json"))
                + Files.size(store.layers().path(digest("diff orphan")).resolve("layer.json"));

        Store.Collected collected = store.collectGarbage(Set.of(kept.id()));

        assertEquals(List.of(dangling.id()), collected.images());
        Set<Digest> goneBlobs = Set.of(dangling.id(), dangling.manifestDigest(),
                digest("layer dangling"), orphanBlob);
        assertEquals(goneBlobs, Set.copyOf(collected.blobs()));
        assertEquals(Set.of(digest("diff dangling"), digest("diff orphan")), Set.copyOf(collected.layers()));
        long blobBytes = "config dangling".length() + "manifest dangling".length() + "layer dangling".length()
                + "orphan".length();
        assertEquals(blobBytes + 4000 + 5000 + layerRecords + 300 + 70, collected.bytesFreed());

        assertEquals(Set.of(tagged, kept), Set.copyOf(store.images().all()));
        for (Digest d : goneBlobs) {
            assertFalse(store.blobs().has(d), d.toString());
        }
        for (String content : List.of("index of tagged", "config tagged", "manifest tagged", "layer shared",
                "layer tagged", "config kept", "manifest kept", "layer kept")) {
            assertTrue(store.blobs().has(digest(content)), content);
        }
        assertEquals(Set.of(digest("diff shared"), digest("diff tagged"), digest("diff kept")),
                Set.copyOf(store.layers().list()));
        try (var tmp = Files.list(root.resolve("tmp"))) {
            assertEquals(List.of(root.resolve("tmp/ingest")), tmp.toList());
        }
        try (var partials = Files.list(root.resolve("tmp/ingest"))) {
            assertEquals(0, partials.count());
        }
    }

    @Test
    void garbageCollectionOfACleanStoreFreesNothing() throws Exception {
        ImageRecord image = saved(image(blob(store, "config"), blob(store, "manifest")));
        store.images().tag(ImageReference.parse("busybox"), new TagEntry(image.manifestDigest(), image.id()));
        Store.Collected collected = store.collectGarbage(Set.of());
        assertEquals(new Store.Collected(List.of(), List.of(), List.of(), 0), collected);
        assertEquals(List.of(image), store.images().all());
    }
}
