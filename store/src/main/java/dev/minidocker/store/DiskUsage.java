package dev.minidocker.store;

import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.volume.VolumeRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What images and containers take on disk, as {@code system df} reports it.
 *
 * <p>Every size is an apparent size, counted as {@link Trees#size} counts it: bytes of files and
 * links, hard links once, never following links. That is what Docker counts (moby's
 * {@code directory.Size}), and it does not depend on the filesystem's block size.
 *
 * <p>An image's size is all of it on disk: its unpacked layers (as Docker counts an image) and
 * also its blobs (compressed layers, config, manifest, and the index a tag names), which
 * minidocker keeps beside the layers as Docker's containerd image store does, and which prune
 * frees with them. A layer or blob that several images have is counted once in the total and is
 * "shared" in each of their figures. Reclaimable is what removing every image no container uses
 * would free: all the blobs and layers in the store, minus what the used images need. (Docker
 * subtracts only the used images' unique sizes, so a layer an unused image shares with a used one
 * counts as reclaimable there, though no prune can free it.)
 *
 * <p>A container's size is that of its writable layer (overlayfs' upper dir), Docker's SizeRw.
 *
 * @param images the Images row, and each image for {@code -v}
 * <p>A volume's size is that of its files ({@code _data}); it is active, and not reclaimable,
 * while a container (running or not) uses it.
 *
 * @param containers the Containers row, and each container for {@code -v}
 * @param volumes the Local Volumes row, and each volume for {@code -v}
 */
public record DiskUsage(Images images, Containers containers, Volumes volumes) {

    /** Images: how many, how many some container uses, and their bytes. */
    public record Images(int total, int active, long size, long reclaimable, List<ImageUsage> items) {
        public Images {
            items = List.copyOf(items);
        }
    }

    /** One image: {@code size} all of it, {@code sharedSize} the part other images have too. */
    public record ImageUsage(ImageRecord image, long size, long sharedSize, int containers) {
        public long uniqueSize() {
            return size - sharedSize;
        }
    }

    /** Containers: how many, how many run, and the bytes of their writable layers. */
    public record Containers(int total, int active, long size, long reclaimable, List<ContainerUsage> items) {
        public Containers {
            items = List.copyOf(items);
        }
    }

    public record ContainerUsage(ContainerRecord container, boolean running, long size) {
    }

    /**
     * Measures the store now.
     *
     * @param running whether a container runs (the launcher knows: its monitor lives)
     * @param writableLayer a container's upper dir
     */
    public static DiskUsage measure(Store store, Predicate<ContainerRecord> running,
            Function<ContainerRecord, Path> writableLayer) throws StoreException {
        List<ContainerRecord> records = store.containers().all();
        return new DiskUsage(images(store, records), containers(records, running, writableLayer),
                volumes(store, records));
    }

    private static Images images(Store store, List<ContainerRecord> records) throws StoreException {
        Map<Path, Long> sizes = new HashMap<>();
        Function<Path, Long> measured = p -> sizes.computeIfAbsent(p, DiskUsage::sizeOf);
        long total = 0;
        for (Digest blob : store.blobs().list()) {
            total += measured.apply(store.blobs().path(blob));
        }
        for (Digest layer : store.layers().list()) {
            total += measured.apply(store.layers().path(layer));
        }
        List<ImageRecord> images = store.images().all();
        Collection<TagEntry> tags = store.images().tags().values();
        Map<Digest, Set<Path>> parts = new HashMap<>();
        Map<Path, Integer> owners = new HashMap<>();
        for (ImageRecord image : images) {
            Set<Path> own = parts(store, image, tags);
            parts.put(image.id(), own);
            own.forEach(p -> owners.merge(p, 1, Integer::sum));
        }
        List<ImageUsage> items = new ArrayList<>();
        Set<Path> used = new HashSet<>();
        for (ImageRecord image : images) {
            Set<Path> own = parts.get(image.id());
            int containers = (int) records.stream().filter(c -> image.id().equals(c.imageId())).count();
            if (containers > 0) {
                used.addAll(own);
            }
            long size = own.stream().mapToLong(measured::apply).sum();
            long shared = own.stream().filter(p -> owners.get(p) > 1).mapToLong(measured::apply).sum();
            items.add(new ImageUsage(image, size, shared, containers));
        }
        long needed = used.stream().mapToLong(measured::apply).sum();
        int active = (int) items.stream().filter(i -> i.containers() > 0).count();
        return new Images(items.size(), active, total, total - needed, items);
    }

    /** The files and directories of an image: its blobs and its unpacked layers. */
    private static Set<Path> parts(Store store, ImageRecord image, Collection<TagEntry> tags) {
        Set<Path> own = new HashSet<>();
        own.add(store.blobs().path(image.id()));
        own.add(store.blobs().path(image.manifestDigest()));
        for (ImageRecord.Layer layer : image.layers()) {
            own.add(store.blobs().path(layer.blob()));
            own.add(store.layers().path(layer.diffId()));
        }
        for (TagEntry tag : tags) {
            if (tag.image().equals(image.id())) {
                own.add(store.blobs().path(tag.digest()));
            }
        }
        // What a damaged store lacks takes no room.
        own.removeIf(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS));
        return own;
    }

    private static Containers containers(List<ContainerRecord> records, Predicate<ContainerRecord> running,
            Function<ContainerRecord, Path> writableLayer) {
        List<ContainerUsage> items = new ArrayList<>();
        for (ContainerRecord c : records) {
            items.add(new ContainerUsage(c, running.test(c), sizeOf(writableLayer.apply(c))));
        }
        long size = items.stream().mapToLong(ContainerUsage::size).sum();
        long reclaimable = items.stream().filter(c -> !c.running()).mapToLong(ContainerUsage::size).sum();
        int active = (int) items.stream().filter(ContainerUsage::running).count();
        return new Containers(items.size(), active, size, reclaimable, items);
    }

    public record Volumes(int total, int active, long size, long reclaimable, List<VolumeUsage> items) {
    }

    /** @param links how many containers use it */
    public record VolumeUsage(VolumeRecord volume, int links, long size) {
    }

    private static Volumes volumes(Store store, List<ContainerRecord> records) throws StoreException {
        Map<String, Integer> links = new HashMap<>();
        for (ContainerRecord c : records) {
            for (ContainerRecord.MountPoint p : c.hostConfig() == null ? List.<ContainerRecord.MountPoint>of()
                    : c.hostConfig().mounts()) {
                if (p.isVolume()) {
                    links.merge(p.name(), 1, Integer::sum);
                }
            }
        }
        List<VolumeUsage> items = new ArrayList<>();
        for (VolumeRecord v : store.volumes().all()) {
            items.add(new VolumeUsage(v, links.getOrDefault(v.name(), 0), sizeOf(store.volumes().data(v.name()))));
        }
        long size = items.stream().mapToLong(VolumeUsage::size).sum();
        long reclaimable = items.stream().filter(v -> v.links() == 0).mapToLong(VolumeUsage::size).sum();
        int active = (int) items.stream().filter(v -> v.links() > 0).count();
        return new Volumes(items.size(), active, size, reclaimable, items);
    }

    /** A blob's or a tree's size as df counts it; what cannot be read (removed meanwhile) takes no room. */
    public static long sizeOf(Path path) {
        try {
            return Trees.size(path);
        } catch (IOException e) {
            return 0;
        }
    }
}
