package dev.minidocker.store;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.container.ContainerStore;
import dev.minidocker.store.layer.LayerUnpacker;
import dev.minidocker.store.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The content-addressed store under one root directory:
 * <pre>
 * blobs/sha256/&lt;hex&gt;          manifests, indexes, configs and layer blobs, verified
 * layers/sha256/&lt;diff-id&gt;/     unpacked layers in overlayfs form (diff/, layer.json)
 * images/sha256/&lt;id&gt;.json      image records
 * repositories.json           references -> images
 * tmp/                        work in progress, on the same filesystem so renames are atomic
 * locks/                      file locks
 * mounts/&lt;id&gt;/                image mount views
 * containers/&lt;id&gt;/            container records, runtime specs, upper and work dirs
 * volumes/&lt;name&gt;/             volumes: volume.json and the files, _data/
 * </pre>
 * Pulls and container creations hold the {@code gc} lock shared; garbage collection holds it
 * exclusively, so it never deletes what a running pull has just written, nor an image a container
 * is being made from, and can clear {@code tmp/} whole.
 */
public final class Store {
    /**
     * A directory of the store's, its owner's alone from the moment it is made (whatever the
     * umask): a container's directory, say, which others may not enter although they may pass
     * through {@code containers/} (see {@link StoreAccess}).
     */
    public static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private final Path root;
    private final Locks locks;
    private final BlobStore blobs;
    private final LayerStore layers;
    private final ImageStore images;
    private final ContainerStore containers;
    private final VolumeStore volumes;

    private Store(Path root, Syscalls syscalls) {
        this.root = root;
        this.locks = new Locks(root.resolve("locks"));
        this.blobs = new BlobStore(root.resolve("blobs/sha256"), root.resolve("tmp/ingest"), locks);
        this.layers = new LayerStore(root.resolve("layers/sha256"), root.resolve("tmp"), locks,
                new LayerUnpacker(syscalls));
        this.images = new ImageStore(root.resolve("images/sha256"), root.resolve("repositories.json"),
                root.resolve("tmp"), locks);
        this.containers = new ContainerStore(root.resolve("containers"), root.resolve("tmp"), locks);
        this.volumes = new VolumeStore(root.resolve("volumes"), root.resolve("tmp"), locks);
    }

    /**
     * Opens the store at {@code root}, creating its directories on first use and making them
     * private (see {@link StoreAccess}); {@code notices} gets the one line said when an existing
     * store had to be closed to other users.
     */
    public static Store open(Path root, Consumer<String> notices) throws StoreException {
        Path absolute = root.toAbsolutePath().normalize();
        StoreAccess.secure(absolute, notices);
        return new Store(absolute, Syscalls.system());
    }

    public Path root() {
        return root;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public LayerStore layers() {
        return layers;
    }

    public ImageStore images() {
        return images;
    }

    public ContainerStore containers() {
        return containers;
    }

    public VolumeStore volumes() {
        return volumes;
    }

    public Locks locks() {
        return locks;
    }

    /** Directory for mount views and other per-use trees ({@code mounts/}). */
    public Path mounts() {
        return root.resolve("mounts");
    }

    /** Held by every pull for its whole length; see the class comment. */
    public Locks.Held pulling() throws StoreException {
        return locks.shared("gc");
    }

    /**
     * Held while a container is planned and written from an image: garbage collection waits, so it
     * neither removes the image nor clears the temp files the container's are written through, and
     * then finds the image in use.
     */
    public Locks.Held creatingContainer() throws StoreException {
        return locks.shared("gc");
    }

    /**
     * Finds an image as Docker does: a reference in the store ({@code busybox}, {@code name:tag},
     * {@code name@digest}) first, then a unique prefix of an image id ({@code 3f57d9401f8d},
     * {@code sha256:3f57...}).
     */
    public Optional<ImageRecord> findImage(String nameOrId) throws StoreException {
        try {
            Optional<TagEntry> tagged = images.lookup(ImageReference.parse(nameOrId));
            if (tagged.isPresent()) {
                return images.get(tagged.get().image());
            }
        } catch (IllegalArgumentException notAReference) {
            // Perhaps an id: tried below.
        }
        String prefix = nameOrId.startsWith("sha256:") ? nameOrId.substring(7) : nameOrId;
        if (!prefix.matches("[a-f0-9]{1,64}")) {
            return Optional.empty();
        }
        List<ImageRecord> matches = images.all().stream().filter(i -> i.id().hex().startsWith(prefix)).toList();
        if (matches.size() > 1) {
            throw new StoreException("find image " + nameOrId + ": ambiguous id prefix, " + matches.size()
                    + " images match");
        }
        return matches.stream().findFirst();
    }

    /** What a garbage collection removed. */
    public record Collected(List<Digest> images, List<Digest> blobs, List<Digest> layers, long bytesFreed) {
    }

    /**
     * Removes image records that no reference names (except {@code keep}), then every blob and layer
     * that no remaining image uses, and everything in {@code tmp/}: partial downloads and unpacks
     * that a killed pull left.
     */
    public Collected collectGarbage(java.util.Set<Digest> keep) throws StoreException {
        try (Locks.Held gc = locks.exclusive("gc")) {
            java.util.Set<Digest> named = new java.util.HashSet<>(keep);
            java.util.Set<Digest> liveBlobs = new java.util.HashSet<>();
            for (TagEntry t : images.tags().values()) {
                named.add(t.image());
                liveBlobs.add(t.digest());
            }
            List<Digest> removedImages = new ArrayList<>();
            java.util.Set<Digest> liveLayers = new java.util.HashSet<>();
            for (ImageRecord image : images.all()) {
                if (!named.contains(image.id())) {
                    images.delete(image.id());
                    removedImages.add(image.id());
                    continue;
                }
                liveBlobs.add(image.id());
                liveBlobs.add(image.manifestDigest());
                for (ImageRecord.Layer l : image.layers()) {
                    liveBlobs.add(l.blob());
                    liveLayers.add(l.diffId());
                }
            }
            long freed = 0;
            List<Digest> removedBlobs = new ArrayList<>();
            for (Digest d : blobs.list()) {
                if (!liveBlobs.contains(d)) {
                    freed += blobs.size(d);
                    blobs.delete(d);
                    removedBlobs.add(d);
                }
            }
            List<Digest> removedLayers = new ArrayList<>();
            for (Digest d : layers.list()) {
                if (!liveLayers.contains(d)) {
                    // Measured as df measures it, so that what prune says it freed is what df said.
                    freed += DiskUsage.sizeOf(layers.path(d));
                    layers.delete(d);
                    removedLayers.add(d);
                }
            }
            freed += clearTmp();
            clearLocks();
            return new Collected(removedImages, removedBlobs, removedLayers, freed);
        }
    }

    /**
     * Lock files of blobs and layers would pile up, one per digest ever pulled. Deleting a lock file
     * is safe only while nobody can hold or open it: here, under the exclusive gc lock, no pull runs.
     */
    private void clearLocks() throws StoreException {
        Path dir = root.resolve("locks");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("blob-") || name.startsWith("layer-")) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new StoreException("clear " + dir + ": " + e.getMessage(), e);
        }
    }

    private long clearTmp() throws StoreException {
        Path tmp = root.resolve("tmp");
        long freed = 0;
        try (var entries = Files.list(tmp)) {
            for (Path p : entries.toList()) {
                if (p.getFileName().toString().equals("ingest")) {
                    try (var partials = Files.list(p)) {
                        for (Path partial : partials.toList()) {
                            freed += Files.size(partial);
                            Files.deleteIfExists(partial);
                        }
                    }
                } else {
                    freed += Files.isDirectory(p) ? Trees.size(p) : Files.size(p);
                    Trees.delete(p);
                }
            }
        } catch (IOException e) {
            throw new StoreException("clear " + tmp + ": " + e.getMessage(), e);
        }
        return freed;
    }
}
