package dev.minidocker.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a container changed in its image, read from its overlayfs upper directory as Docker's
 * overlay driver reads it for {@code docker diff}: a whiteout (a character device 0/0) is a deleted
 * path ({@code D}); a path the image's layers have is changed ({@code C}), unless it is a directory
 * whose size, mode and time are as they were (overlayfs copies up the parents of a changed file);
 * any other path is added ({@code A}); the parent of an added or deleted path is changed. The
 * upper directory is the container's to write: nothing in it is followed, and a layer is looked
 * into component by component, never through a symbolic link.
 */
public final class ContainerChanges {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** One change: its kind (A, C or D) and its path in the container ("/etc/passwd"). */
    public record Change(char kind, String path) {
        @Override
        public String toString() {
            return kind + " " + path;
        }
    }

    private final List<Path> layers;
    private final Set<String> engines;
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> changedDirs = new HashSet<>();

    private ContainerChanges(List<Path> layers, Set<String> engines) {
        this.layers = layers;
        this.engines = engines;
    }

    /**
     * The changes in {@code upper} over {@code layers} (the image's unpacked layers, top first), in
     * the order of a walk of upper, each directory's entries by name. {@code engines}: the paths the
     * engine writes for every container (/etc/hosts...), left out as Docker leaves out those of its
     * init layer.
     */
    public static List<Change> of(Path upper, List<Path> layers, Set<String> engines) throws StoreException {
        ContainerChanges walk = new ContainerChanges(layers, engines);
        try {
            walk.directory(upper, "");
        } catch (IOException e) {
            throw new StoreException("read the changes in " + upper + ": " + e.getMessage(), e);
        }
        return List.copyOf(walk.changes);
    }

    private void directory(Path dir, String path) throws IOException {
        TreeMap<String, Path> entries = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                entries.put(entry.getFileName().toString(), entry);
            }
        }
        for (var e : entries.entrySet()) {
            String child = path + "/" + e.getKey();
            PosixFileAttributes attributes = Files.readAttributes(e.getValue(), PosixFileAttributes.class, NOFOLLOW);
            if (!engines.contains(child)) {
                entry(e.getValue(), child, attributes);
            }
            if (attributes.isDirectory()) {
                directory(e.getValue(), child);
            }
        }
    }

    private void entry(Path file, String path, PosixFileAttributes attributes) throws IOException {
        char kind;
        if (isWhiteout(file, attributes)) {
            kind = 'D';
        } else {
            PosixFileAttributes lower = inLayers(path);
            if (lower == null) {
                kind = 'A';
            } else if (attributes.isDirectory() && lower.isDirectory() && sameDirectory(attributes, lower)) {
                return;
            } else {
                kind = 'C';
            }
        }
        if (attributes.isDirectory()) {
            changedDirs.add(path);
        }
        if (kind != 'C') {
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (!parent.isEmpty() && changedDirs.add(parent)) {
                changes.add(new Change('C', parent));
            }
        }
        changes.add(new Change(kind, path));
    }

    private static boolean sameDirectory(PosixFileAttributes a, PosixFileAttributes b) {
        return a.size() == b.size() && a.permissions().equals(b.permissions())
                && a.lastModifiedTime().equals(b.lastModifiedTime());
    }

    /** overlayfs' whiteout: a character device numbered 0/0. */
    private static boolean isWhiteout(Path file, PosixFileAttributes attributes) throws IOException {
        return attributes.isOther() && !Files.isDirectory(file, NOFOLLOW)
                && ((Number) Files.getAttribute(file, "unix:rdev", NOFOLLOW)).longValue() == 0
                && ((Number) Files.getAttribute(file, "unix:mode", NOFOLLOW)).intValue() >> 12 == 02;
    }

    /** The attributes of {@code path} in the topmost layer that has it, or null. */
    private PosixFileAttributes inLayers(String path) throws IOException {
        for (Path layer : layers) {
            PosixFileAttributes found = inLayer(layer, path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** {@code path} in {@code layer}, each directory on the way a directory, not a link to elsewhere. */
    private static PosixFileAttributes inLayer(Path layer, String path) throws IOException {
        Path current = layer;
        String[] names = path.substring(1).split("/");
        for (int i = 0; i < names.length; i++) {
            current = current.resolve(names[i]);
            if (!Files.exists(current, NOFOLLOW)) {
                return null;
            }
            PosixFileAttributes attributes = Files.readAttributes(current, PosixFileAttributes.class, NOFOLLOW);
            if (i == names.length - 1) {
                return attributes;
            }
            if (!attributes.isDirectory()) {
                return null;
            }
        }
        return null;
    }
}
