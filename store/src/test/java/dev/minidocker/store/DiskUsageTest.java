package dev.minidocker.store;

import static dev.minidocker.store.StoreFixtures.blob;
import static dev.minidocker.store.StoreFixtures.digest;
import static dev.minidocker.store.StoreFixtures.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two images that share a base layer, {@code web} used by a running and an exited container,
 * {@code tool} used by none, and a blob no image names: what {@code system df} reports of them.
 */
class DiskUsageTest {
    private static final String RUNNING = "a".repeat(64);
    private static final String EXITED = "b".repeat(64);

    @TempDir
    Path root;
    private Store store;
    private ImageRecord web;
    private ImageRecord tool;
    private long base;
    private long webOnly;
    private long toolOnly;
    private long orphan;

    @BeforeEach
    void fill() throws Exception {
        store = Store.open(root, notice -> { });
        Digest baseBlob = blob(store, "base layer, compressed");
        Digest webBlob = blob(store, "web layer, compressed");
        Digest toolBlob = blob(store, "tool layer, compressed, longer");
        long baseDir = layerDir(digest("base"), Map.of("bin/sh", 1000, "etc/passwd", 50));
        long webDir = layerDir(digest("web"), Map.of("srv/index.html", 300));
        long toolDir = layerDir(digest("tool"), Map.of("usr/bin/tool", 4000));
        web = image("web config", "web manifest", layer(baseBlob, digest("base")), layer(webBlob, digest("web")));
        tool = image("tool config", "tool manifest", layer(baseBlob, digest("base")), layer(toolBlob, digest("tool")));
        Digest index = blob(store, "web index");
        store.images().tag(ImageReference.parse("web"), new TagEntry(index, web.id()));
        store.images().tag(ImageReference.parse("tool"), new TagEntry(tool.manifestDigest(), tool.id()));
        orphan = blobSize(blob(store, "left by an interrupted rmi"));

        base = blobSize(baseBlob) + baseDir;
        webOnly = blobSize(webBlob) + webDir + blobSize(web.id()) + blobSize(web.manifestDigest()) + blobSize(index);
        toolOnly = blobSize(toolBlob) + toolDir + blobSize(tool.id()) + blobSize(tool.manifestDigest());

        container(RUNNING, web, Map.of("tmp/cache", 700));
        container(EXITED, web, Map.of("root/.history", 20, "tmp/out", 5));
    }

    private DiskUsage measure() throws StoreException {
        return DiskUsage.measure(store, c -> c.id().equals(RUNNING), c -> store.containers().dir(c.id()).resolve("upper"));
    }

    @Test
    void imagesCountSharedLayersOnceAndOnlyWhatNoUsedImageNeedsAsReclaimable() throws Exception {
        DiskUsage.Images images = measure().images();
        assertEquals(2, images.total());
        assertEquals(1, images.active(), "web is used");
        assertEquals(base + webOnly + toolOnly + orphan, images.size(), "the base layer once, the orphan blob too");
        assertEquals(toolOnly + orphan, images.reclaimable(), "the base layer is web's too: not reclaimable");
    }

    @Test
    void eachImageSaysWhatItSharesAndHowManyContainersUseIt() throws Exception {
        Map<Digest, DiskUsage.ImageUsage> items = measure().images().items().stream()
                .collect(Collectors.toMap(i -> i.image().id(), Function.identity()));
        assertEquals(Set.of(web.id(), tool.id()), items.keySet());
        assertEquals(new DiskUsage.ImageUsage(web, base + webOnly, base, 2), items.get(web.id()));
        assertEquals(new DiskUsage.ImageUsage(tool, base + toolOnly, base, 0), items.get(tool.id()));
        assertEquals(toolOnly, items.get(tool.id()).uniqueSize());
    }

    @Test
    void containersCountTheirWritableLayersAndWhatDoesNotRunIsReclaimable() throws Exception {
        DiskUsage.Containers containers = measure().containers();
        assertEquals(2, containers.total());
        assertEquals(1, containers.active());
        assertEquals(725, containers.size());
        assertEquals(25, containers.reclaimable(), "the exited container's");
        assertEquals(List.of(true, false), containers.items().stream()
                .sorted(java.util.Comparator.comparing(c -> c.container().id()))
                .map(DiskUsage.ContainerUsage::running).toList());
    }

    @Test
    void anEmptyStoreTakesNothing() throws Exception {
        DiskUsage usage = DiskUsage.measure(Store.open(root.resolve("empty"), notice -> { }), c -> false, c -> root);
        assertEquals(new DiskUsage.Images(0, 0, 0, 0, List.of()), usage.images());
        assertEquals(new DiskUsage.Containers(0, 0, 0, 0, List.of()), usage.containers());
    }

    @Test
    void layerSizesAgreeWithWhatGarbageCollectionFrees() throws Exception {
        store.images().untag(ImageReference.parse("tool"));
        long reclaimable = toolOnly + orphan;
        Store.Collected collected = store.collectGarbage(Set.of());
        assertEquals(List.of(tool.id()), collected.images());
        assertEquals(reclaimable, collected.bytesFreed());
    }

    private ImageRecord image(String config, String manifest, ImageRecord.Layer... layers) throws StoreException {
        ImageRecord image = new ImageRecord(blob(store, config), blob(store, manifest), MediaTypes.OCI_MANIFEST,
                Platform.parse("linux/amd64"), "2024-01-01T00:00:00Z", List.of(layers), 0);
        store.images().save(image);
        return image;
    }

    /** An unpacked layer holding {@code files} of the given sizes; returns the size of its directory. */
    private long layerDir(Digest diffId, Map<String, Integer> files) throws IOException {
        StoreFixtures.unpackedLayer(store, diffId, 0);
        Path layer = store.layers().path(diffId);
        write(layer.resolve("diff"), files);
        return Files.size(layer.resolve("layer.json")) + files.values().stream().mapToLong(Integer::longValue).sum();
    }

    private void container(String id, ImageRecord image, Map<String, Integer> written) throws Exception {
        store.containers().create(new ContainerRecord(id, id.substring(0, 4), "web", image.id(),
                "2026-01-01T00:00:00Z", null, null, ContainerState.created()));
        write(store.containers().dir(id).resolve("upper"), written);
    }

    private static void write(Path dir, Map<String, Integer> files) throws IOException {
        for (Map.Entry<String, Integer> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[f.getValue()]);
        }
    }

    private long blobSize(Digest blob) throws IOException {
        return Files.size(store.blobs().path(blob));
    }
}
