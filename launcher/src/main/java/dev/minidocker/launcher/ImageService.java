package dev.minidocker.launcher;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's rules for images, as {@link Lifecycle} has those for containers: what {@code rmi}
 * refuses and untags, what {@code image prune} removes, and which images are in use (by a
 * container, or mounted by {@code image mount}), which garbage collection keeps though no
 * reference names them. An image itself goes when garbage is collected: once nothing names or uses it.
 */
public final class ImageService {
    private final Store store;
    private final ImageMounts mounts;

    public ImageService(Store store, ImageMounts mounts) {
        this.store = store;
        this.mounts = mounts;
    }

    /**
     * Untags what {@code nameOrId} names, as Docker's {@code rmi}: a reference of an image that
     * other references name too removes only itself; otherwise every reference of the image goes.
     * Refused without {@code force}: an image a container uses (with it, the image is untagged and
     * kept until the container is removed), an image given by id that several references name, and
     * a mounted one (with it, unmounted). Returns the references removed, in order.
     */
    public List<ImageReference> untag(String nameOrId, boolean force) throws LaunchException, StoreException {
        ImageRecord image = store.findImage(nameOrId)
                .orElseThrow(() -> new LaunchException("No such image: " + nameOrId));
        Optional<ImageReference> byReference = reference(nameOrId);
        List<String> references = new ArrayList<>();
        store.images().tags().forEach((ref, entry) -> {
            if (entry.image().equals(image.id())) {
                references.add(ref);
            }
        });
        if (byReference.isPresent() && references.size() > 1) {
            store.images().untag(byReference.get());
            return List.of(byReference.get());
        }
        Optional<ContainerRecord> user = userOf(image.id());
        if (user.isPresent() && !force) {
            throw new LaunchException("conflict: unable to remove repository reference \"" + nameOrId
                    + "\" (must force) - container " + user.get().shortId() + " is using its referenced image "
                    + image.id().shortHex());
        }
        if (references.size() > 1 && !force) {
            throw new LaunchException("conflict: unable to delete " + image.id().shortHex()
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        if (mounts.isMounted(image.id())) {
            if (!force) {
                throw new LaunchException("image " + image.id().shortHex() + " is mounted: run 'minidocker image"
                        + " unmount " + nameOrId + "' first, or use -f");
            }
            mounts.unmount(image.id());
        }
        return parsed(store.images().untagAll(image.id()));
    }

    /** Removes the images that nothing names or uses, then the blobs and layers no image uses. */
    public Store.Collected collectGarbage() throws LaunchException, StoreException {
        return store.collectGarbage(inUse());
    }

    /** What a prune removed: each removed image's references (none for a dangling one), and the garbage collected. */
    public record Pruned(Map<Digest, List<ImageReference>> untagged, Store.Collected collected) {
    }

    /**
     * Docker's {@code image prune}: the images no reference names (dangling), or with {@code all}
     * every image that no container uses and no mount shows, untagged first; then the garbage.
     */
    public Pruned prune(boolean all) throws LaunchException, StoreException {
        Set<Digest> inUse = inUse();
        Map<Digest, List<ImageReference>> untagged = new LinkedHashMap<>();
        if (all) {
            for (ImageRecord image : store.images().all()) {
                if (!inUse.contains(image.id())) {
                    untagged.put(image.id(), parsed(store.images().untagAll(image.id())));
                }
            }
        }
        return new Pruned(untagged, store.collectGarbage(inUse));
    }

    /** The images that garbage collection keeps though no reference names them: mounted, or a container's. */
    public Set<Digest> inUse() throws LaunchException, StoreException {
        Set<Digest> inUse = new HashSet<>(mounts.mounted());
        for (ContainerRecord c : store.containers().all()) {
            if (c.imageId() != null) {
                inUse.add(c.imageId());
            }
        }
        return inUse;
    }

    private Optional<ContainerRecord> userOf(Digest image) throws StoreException {
        for (ContainerRecord c : store.containers().all()) {
            if (image.equals(c.imageId())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The reference {@code name} names in the store, if it is one (not an id). */
    private Optional<ImageReference> reference(String name) throws StoreException {
        ImageReference ref;
        try {
            ref = ImageReference.parse(name);
        } catch (IllegalArgumentException notAReference) {
            return Optional.empty();
        }
        return store.images().lookup(ref).isPresent() ? Optional.of(ref) : Optional.empty();
    }

    private static List<ImageReference> parsed(List<String> references) {
        List<ImageReference> parsed = new ArrayList<>();
        for (String r : references) {
            parsed.add(ImageReference.parse(r));
        }
        return parsed;
    }
}
