package dev.minidocker.store;

import static dev.minidocker.store.StoreFixtures.digest;
import static dev.minidocker.store.StoreFixtures.image;
import static dev.minidocker.store.StoreFixtures.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    private static final ImageReference BUSYBOX = ImageReference.parse("busybox");
    private static final ImageReference BUSYBOX_136 = ImageReference.parse("busybox:1.36");
    private static final ImageReference ALPINE = ImageReference.parse("alpine:3.20");

    @TempDir
    Path root;
    private ImageStore images;
    private final ImageRecord one = image(digest("config one"), digest("manifest one"),
            layer(digest("blob a"), digest("diff a")), layer(digest("blob b"), digest("diff b")));
    private final ImageRecord two = image(digest("config two"), digest("manifest two"),
            layer(digest("blob c"), digest("diff c")));

    @BeforeEach
    void open() throws StoreException {
        images = Store.open(root, notice -> { }).images();
    }

    @Test
    void savedImagesReadBackWhole() throws Exception {
        images.save(one);
        images.save(two);
        assertEquals(Optional.of(one), images.get(one.id()));
        assertEquals(List.of(digest("diff a"), digest("diff b")), images.get(one.id()).orElseThrow().diffIds());
        assertTrue(Files.isRegularFile(root.resolve("images/sha256/" + one.id().hex() + ".json")));
        assertEquals(Set.of(one, two), Set.copyOf(images.all()));
    }

    @Test
    void missingImageIsEmpty() throws Exception {
        assertEquals(Optional.empty(), images.get(one.id()));
        assertEquals(List.of(), images.all());
    }

    @Test
    void deleteRemovesTheRecordOnly() throws Exception {
        images.save(one);
        images.tag(BUSYBOX, new TagEntry(one.manifestDigest(), one.id()));
        images.delete(one.id());
        images.delete(one.id());
        assertEquals(Optional.empty(), images.get(one.id()));
        assertTrue(images.lookup(BUSYBOX).isPresent(), "untagging is a separate step");
    }

    @Test
    void tagsAreKeyedByTheFullReferenceAndSorted() throws Exception {
        TagEntry toOne = new TagEntry(digest("index one"), one.id());
        images.tag(BUSYBOX_136, toOne);
        images.tag(ALPINE, new TagEntry(two.manifestDigest(), two.id()));
        images.tag(BUSYBOX, toOne);
        assertEquals(List.of("docker.io/library/alpine:3.20", "docker.io/library/busybox:1.36",
                "docker.io/library/busybox:latest"), List.copyOf(images.tags().keySet()));
        assertEquals(Optional.of(toOne), images.lookup(ImageReference.parse("docker.io/library/busybox:latest")));
        assertEquals(Optional.empty(), images.lookup(ImageReference.parse("busybox:1.37")));
        assertTrue(Files.readString(root.resolve("repositories.json")).contains("docker.io/library/busybox:1.36"));
    }

    @Test
    void taggingAgainMovesTheTag() throws Exception {
        images.tag(BUSYBOX, new TagEntry(one.manifestDigest(), one.id()));
        TagEntry toTwo = new TagEntry(two.manifestDigest(), two.id());
        images.tag(BUSYBOX, toTwo);
        assertEquals(Optional.of(toTwo), images.lookup(BUSYBOX));
        assertEquals(1, images.tags().size());
    }

    @Test
    void untagReturnsWhatTheReferenceNamed() throws Exception {
        TagEntry entry = new TagEntry(one.manifestDigest(), one.id());
        images.tag(BUSYBOX, entry);
        assertEquals(Optional.of(entry), images.untag(BUSYBOX));
        assertEquals(Optional.empty(), images.untag(BUSYBOX));
        assertTrue(images.tags().isEmpty());
    }

    @Test
    void untagAllRemovesEveryReferenceToAnImage() throws Exception {
        images.tag(BUSYBOX, new TagEntry(one.manifestDigest(), one.id()));
        images.tag(BUSYBOX_136, new TagEntry(one.manifestDigest(), one.id()));
        images.tag(ALPINE, new TagEntry(two.manifestDigest(), two.id()));
        assertEquals(Set.of("docker.io/library/busybox:latest", "docker.io/library/busybox:1.36"),
                Set.copyOf(images.untagAll(one.id())));
        assertEquals(List.of(), images.untagAll(one.id()));
        assertEquals(Set.of("docker.io/library/alpine:3.20"), images.tags().keySet());
    }

    @Test
    void writesLeaveNoTempFiles() throws Exception {
        images.save(one);
        images.tag(BUSYBOX, new TagEntry(one.manifestDigest(), one.id()));
        images.untag(BUSYBOX);
        try (var tmp = Files.list(root.resolve("tmp"))) {
            assertEquals(Set.of("ingest"), tmp.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertFalse(images.all().isEmpty());
    }
}
