package dev.minidocker.launcher;

import dev.minidocker.launcher.plan.OverlayPlan;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Read-only overlay views of images' root filesystems under {@code mounts/<id>/merged}, as
 * {@code podman image mount} gives: how users, tests and the launcher look at an image.
 */
public final class ImageMounts {
    private final Store store;
    private final Syscalls syscalls;

    public ImageMounts(Store store, Syscalls syscalls) {
        this.store = store;
        this.syscalls = syscalls;
    }

    /** The plan for an image's view; overlayfs wants two lowers at least, so a one-layer image gets an empty one. */
    public OverlayPlan plan(ImageRecord image) throws LaunchException {
        if (image.layers().isEmpty()) {
            throw new LaunchException("mount image " + image.id().shortHex() + ": the image has no layers");
        }
        Path dir = store.mounts().resolve(image.id().hex());
        List<Path> lowers = new ArrayList<>();
        for (Digest diffId : image.diffIds().reversed()) {
            if (!store.layers().has(diffId)) {
                throw new LaunchException("mount image " + image.id().shortHex() + ": layer " + diffId
                        + " is missing from the store; pull the image again");
            }
            lowers.add(store.layers().diffDir(diffId));
        }
        if (lowers.size() == 1) {
            lowers.add(dir.resolve("empty"));
        }
        return new OverlayPlan(lowers, null, null, dir.resolve("merged"));
    }

    /** Mounts the view (once: a second call returns the same path) and returns where it is. */
    public Path mount(ImageRecord image) throws LaunchException {
        OverlayPlan plan = plan(image);
        try {
            if (MountTable.isMountPoint(plan.target())) {
                return plan.target();
            }
            Files.createDirectories(plan.target());
            Files.createDirectories(plan.target().resolveSibling("empty"));
            syscalls.mount("overlay", plan.target(), "overlay", Syscalls.MS_RDONLY, plan.mountOptions());
            return plan.target();
        } catch (IllegalArgumentException | IOException e) {
            throw new LaunchException("mount image " + image.id().shortHex() + ": " + e.getMessage(), e);
        }
    }

    /** Unmounts the view and removes its directories; an image that is not mounted is not an error. */
    public void unmount(Digest id) throws LaunchException {
        Path dir = store.mounts().resolve(id.hex());
        Path target = dir.resolve("merged");
        try {
            if (MountTable.isMountPoint(target)) {
                syscalls.unmount(target, 0);
            }
            Files.deleteIfExists(target);
            Files.deleteIfExists(dir.resolve("empty"));
            Files.deleteIfExists(dir);
        } catch (LinuxException e) {
            throw new LaunchException("unmount image " + id.shortHex() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LaunchException("unmount image " + id.shortHex() + ": " + e.getMessage(), e);
        }
    }

    public boolean isMounted(Digest id) throws LaunchException {
        try {
            return MountTable.isMountPoint(store.mounts().resolve(id.hex()).resolve("merged"));
        } catch (IOException e) {
            throw new LaunchException("read mount table: " + e.getMessage(), e);
        }
    }

    /** The images that have a view mounted now. */
    public Set<Digest> mounted() throws LaunchException {
        Set<Digest> ids = new HashSet<>();
        try (var dirs = Files.list(store.mounts())) {
            for (Path dir : dirs.toList()) {
                String hex = dir.getFileName().toString();
                if (hex.matches("[a-f0-9]{64}") && MountTable.isMountPoint(dir.resolve("merged"))) {
                    ids.add(new Digest("sha256", hex));
                }
            }
        } catch (IOException e) {
            throw new LaunchException("list image mounts: " + e.getMessage(), e);
        }
        return ids;
    }
}
