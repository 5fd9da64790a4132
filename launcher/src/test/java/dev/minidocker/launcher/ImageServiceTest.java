package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.Store;
import dev.minidocker.store.TagEntry;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What rmi and image prune do to a store in a temp dir, with nothing mounted. */
class ImageServiceTest {
    @TempDir
    Path dir;
    private Store store;
    private ImageService images;
    private ImageRecord app;
    private ImageRecord base;

    @BeforeEach
    void storeWithTwoImages() throws Exception {
        store = Store.open(dir.resolve("store"), notice -> { });
        images = new ImageService(store, new ImageMounts(store, Syscalls.system()));
        app = image("app");
        base = image("base");
        tag("example/app:1", app);
        tag("example/app:latest", app);
        tag("example/base:latest", base);
    }

    private ImageRecord image(String name) throws Exception {
        Digest config = Digest.of(("config of " + name).getBytes(StandardCharsets.UTF_8));
        ImageRecord image = new ImageRecord(config, Digest.of(name.getBytes(StandardCharsets.UTF_8)),
                MediaTypes.OCI_MANIFEST, Platform.parse("linux/amd64"), "2026-01-01T00:00:00Z", List.of(), 0);
        store.images().save(image);
        return image;
    }

    private void tag(String reference, ImageRecord image) throws Exception {
        store.images().tag(ImageReference.parse(reference), new TagEntry(image.manifestDigest(), image.id()));
    }

    private void container(String id, ImageRecord image) throws Exception {
        store.containers().create(new ContainerRecord(id, "c" + id.charAt(0), "example/app", image.id(),
                "2026-01-01T00:00:00Z", null, null, ContainerState.created()));
    }

    private Set<String> references() throws Exception {
        return store.images().tags().keySet();
    }

    @Test
    void aReferenceThatOthersShareRemovesOnlyItself() throws Exception {
        assertEquals(List.of(ImageReference.parse("example/app:1")), images.untag("example/app:1", false));
        assertEquals(Set.of("docker.io/example/app:latest", "docker.io/example/base:latest"), references());
        assertEquals(List.of(), images.collectGarbage().images());
    }

    @Test
    void anImageGivenByIdThatSeveralReferencesNameIsRefusedUnlessForced() throws Exception {
        LaunchException e = assertThrows(LaunchException.class, () -> images.untag(app.id().hex(), false));
        assertEquals("conflict: unable to delete " + app.id().shortHex()
                + " (must be forced) - image is referenced in multiple repositories", e.getMessage());
        assertEquals(3, references().size());
        assertEquals(List.of(ImageReference.parse("example/app:1"), ImageReference.parse("example/app:latest")),
                images.untag(app.id().hex(), true));
        assertEquals(List.of(app.id()), images.collectGarbage().images());
        assertTrue(store.images().get(app.id()).isEmpty());
    }

    @Test
    void anImageAContainerUsesIsRefusedAndWithForceUntaggedButKept() throws Exception {
        container("a".repeat(64), base);
        LaunchException e = assertThrows(LaunchException.class, () -> images.untag("example/base", false));
        assertEquals("conflict: unable to remove repository reference \"example/base\" (must force) - container "
                + "aaaaaaaaaaaa is using its referenced image " + base.id().shortHex(), e.getMessage());
        assertEquals(List.of(ImageReference.parse("example/base:latest")), images.untag("example/base", true));
        assertEquals(List.of(), images.collectGarbage().images());
        assertTrue(store.images().get(base.id()).isPresent(), "kept until the container is removed");
        store.containers().delete("a".repeat(64));
        assertEquals(List.of(base.id()), images.collectGarbage().images());
    }

    @Test
    void anUnknownNameIsNoSuchImage() {
        LaunchException e = assertThrows(LaunchException.class, () -> images.untag("nothing:here", false));
        assertEquals("No such image: nothing:here", e.getMessage());
    }

    @Test
    void pruneRemovesOnlyDanglingImages() throws Exception {
        ImageRecord dangling = image("dangling");
        ImageService.Pruned pruned = images.prune(false);
        assertEquals(List.of(dangling.id()), pruned.collected().images());
        assertEquals(Map.of(), pruned.untagged());
        assertEquals(3, references().size());
    }

    @Test
    void pruneAllRemovesEveryImageThatNoContainerUses() throws Exception {
        container("b".repeat(64), base);
        ImageService.Pruned pruned = images.prune(true);
        assertEquals(List.of(app.id()), pruned.collected().images());
        assertEquals(Map.of(app.id(), List.of(ImageReference.parse("example/app:1"),
                ImageReference.parse("example/app:latest"))), pruned.untagged());
        assertEquals(Set.of("docker.io/example/base:latest"), references());
    }

    @Test
    void theImagesOfContainersAreInUse() throws Exception {
        assertEquals(Set.of(), images.inUse());
        container("c".repeat(64), app);
        assertEquals(Set.of(app.id()), images.inUse());
    }
}
