package dev.minidocker.launcher.volume;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.plan.ContainerPlan;
import dev.minidocker.launcher.plan.MountPlan;
import dev.minidocker.launcher.userns.MappedRoot;
import dev.minidocker.launcher.userns.UserNamespace;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.Locks;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.Trees;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerRecord.MountPoint;
import dev.minidocker.store.volume.VolumeRecord;
import dev.minidocker.store.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rules for volumes, as Docker's daemon keeps them: a volume that a container uses (running
 * or not) is not removed; a container's volumes are made when it is created, a new one seeded with
 * the image's content at its mount point; {@code rm -v} and {@code --rm} take a container's
 * anonymous volumes with it. Making and removing hold the store's {@code volumes} lock.
 */
public final class VolumeService {
    private final Store store;
    private final VolumeStore volumes;
    private final Syscalls syscalls;

    public VolumeService(Store store, Syscalls syscalls) {
        this.store = store;
        this.volumes = store.volumes();
        this.syscalls = syscalls;
    }

    /** {@code volume create}: a name drawn when none is given; an existing volume is returned as it is. */
    public VolumeRecord create(String name, Map<String, String> labels) throws LaunchException, StoreException {
        try (Locks.Held lock = volumes.lock()) {
            return volumes.create(name == null ? VolumeStore.drawName() : name, labels).volume();
        } catch (StoreException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }

    /** The volume {@code name}, or Docker's {@code get NAME: no such volume}. */
    public VolumeRecord find(String name) throws LaunchException, StoreException {
        return volumes.get(name).orElseThrow(() -> new LaunchException("get " + name + ": no such volume"));
    }

    public List<VolumeRecord> list() throws StoreException {
        return volumes.all();
    }

    public Path data(String name) {
        return volumes.data(name);
    }

    /** The containers that use each volume (ids), by volume name: Docker's "in use" and {@code system df}'s links. */
    public Map<String, List<String>> users() throws StoreException {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (ContainerRecord c : store.containers().all()) {
            for (MountPoint p : c.hostConfig().mounts()) {
                if (p.isVolume()) {
                    users.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(c.id());
                }
            }
        }
        return users;
    }

    /**
     * {@code volume rm}: refused, in Docker's words, while a container uses it; {@code force}
     * only makes a missing volume no error, as Docker's {@code -f} does.
     */
    public void remove(String name, boolean force) throws LaunchException, StoreException {
        try (Locks.Held lock = volumes.lock()) {
            if (volumes.get(name).isEmpty()) {
                if (force) {
                    return;
                }
                throw new LaunchException("get " + name + ": no such volume");
            }
            List<String> users = users().getOrDefault(name, List.of());
            if (!users.isEmpty()) {
                throw new LaunchException("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
            }
            volumes.delete(name);
        }
    }

    /** What a prune removed. */
    public record Pruned(List<String> names, long bytes) {
    }

    /**
     * {@code volume prune}: the anonymous volumes no container uses; with {@code all}, every unused
     * one; of those, the ones {@code wanted} (its {@code --filter}s) accepts.
     */
    public Pruned prune(boolean all, Predicate<VolumeRecord> wanted) throws LaunchException, StoreException {
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        try (Locks.Held lock = volumes.lock()) {
            Map<String, List<String>> users = users();
            for (VolumeRecord v : volumes.all()) {
                if (users.containsKey(v.name()) || !all && !v.anonymous() || !wanted.test(v)) {
                    continue;
                }
                bytes += size(v.name());
                volumes.delete(v.name());
                removed.add(v.name());
            }
        }
        return new Pruned(removed, bytes);
    }

    /** The bytes of a volume's files, as {@code system df} counts them. */
    public long size(String name) throws LaunchException {
        try {
            return Trees.size(volumes.data(name));
        } catch (IOException e) {
            throw new LaunchException("measure volume " + name + ": " + LaunchException.detail(e), e);
        }
    }

    /**
     * Makes the volumes a container being created uses, unless they exist, and seeds each empty
     * one that asks for it, and that no other container uses, with the image's content at its
     * mount point (Docker's copy-up). Returns
     * the volumes it made, for {@link #discard} if the creation fails later; on its own failure it
     * has already removed them, and emptied a volume it was seeding.
     */
    public List<String> prepare(ContainerPlan plan, UserNamespace userns) throws LaunchException, StoreException {
        if (plan.mounts().volumes().isEmpty()) {
            // The usual run takes no lock for volumes it does not have.
            return List.of();
        }
        List<String> made = new ArrayList<>();
        ImageContent image = new ImageContent(plan.imageLayers(), syscalls);
        try (Locks.Held lock = volumes.lock()) {
            Map<String, List<String>> users = users();
            for (MountPlan.VolumeUse use : plan.mounts().volumes()) {
                Map<String, String> labels = use.anonymous() ? Map.of(VolumeRecord.ANONYMOUS, "") : Map.of();
                VolumeStore.Created created = volumes.create(use.name(), labels);
                if (created.made()) {
                    made.add(use.name());
                    if (userns != null) {
                        MappedRoot.give(userns, volumes.data(use.name()));
                    }
                }
                // Not into a volume another container has mounted: its root could swap a directory
                // being filled for a link to the host's files.
                List<String> others = new ArrayList<>(users.getOrDefault(use.name(), List.of()));
                others.remove(plan.record().id());
                if (use.copy() && others.isEmpty()) {
                    seed(image, use, userns);
                }
            }
        } catch (LaunchException | StoreException | RuntimeException e) {
            discard(made);
            throw e;
        }
        return made;
    }

    private void seed(ImageContent image, MountPlan.VolumeUse use, UserNamespace userns) throws LaunchException {
        Path data = volumes.data(use.name());
        try {
            List<Path> source = image.directory(use.destination());
            if (source.isEmpty() || !empty(data)) {
                return;
            }
            try {
                image.copy(source, data, userns);
            } catch (IOException e) {
                clear(data);
                throw e;
            }
        } catch (IOException e) {
            throw new LaunchException("copy the image's " + use.destination() + " into volume " + use.name() + ": "
                    + LaunchException.detail(e), e);
        }
    }

    private static boolean empty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void clear(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                Trees.delete(p);
            }
        }
    }

    /** Removes the volumes a failed creation made. */
    public void discard(List<String> made) {
        if (made.isEmpty()) {
            return;
        }
        try (Locks.Held lock = volumes.lock()) {
            for (String name : made) {
                volumes.delete(name);
            }
        } catch (StoreException e) {
            // The creation's own failure is the one to report; prune removes an unused volume.
        }
    }

    /**
     * {@code rm -v} and {@code --rm}: the container's anonymous volumes that no other container
     * uses, once the container's record is gone. Named volumes stay, as Docker's.
     */
    public void removeAnonymous(ContainerRecord container) throws StoreException {
        try (Locks.Held lock = volumes.lock()) {
            Map<String, List<String>> users = users();
            for (MountPoint p : container.hostConfig().mounts()) {
                Optional<VolumeRecord> v = p.isVolume() ? volumes.get(p.name()) : Optional.empty();
                if (v.isPresent() && v.get().anonymous() && !users.containsKey(p.name())) {
                    volumes.delete(p.name());
                }
            }
        }
    }
}
