package dev.minidocker.launcher.volume;

import dev.minidocker.launcher.userns.UserNamespace;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.ScopedWalk;
import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An image's files as overlayfs merges its layers, read from the layer directories without
 * mounting anything: what a new volume is seeded with. A path is looked up as the container will
 * see it: whiteouts (character devices 0/0) hide what is below them, an opaque directory hides
 * the lower layers' directory, and symbolic links are followed inside the image alone (an absolute
 * target or a {@code ..} never climbs above the image's root), as filepath-securejoin does for
 * runc. Copying never follows a link: links are copied as links, hard links as hard links, and
 * extended attributes (a file capability, say) with the file, but overlayfs' own.
 */
final class ImageContent {
    private static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final int TYPE = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMLINK = 0120000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int PERMISSIONS = 07777;
    private final List<Path> layers;
    private final Syscalls syscalls;

    /** {@code layers}: the layers' directories, topmost first (a directory run's root alone). */
    ImageContent(List<Path> layers, Syscalls syscalls) {
        this.layers = List.copyOf(layers);
        this.syscalls = syscalls;
    }

    /**
     * A name in a merged directory: the layers' directories that make it up, topmost first, or
     * the one layer's file, link or device.
     */
    private record Entry(List<Path> paths, Map<String, Object> attributes) {
        int type() {
            return (Integer) attributes.get("mode") & TYPE;
        }
    }

    /**
     * The layers' directories that make up the image's directory {@code path}, topmost first;
     * empty when the image has no directory there (nothing, a file, or a link that leads nowhere).
     */
    List<Path> directory(String path) throws IOException {
        List<String> names;
        try {
            names = ScopedWalk.walk(path, this::step);
        } catch (FileSystemLoopException e) {
            throw new IOException("resolve " + path + " in the image: too many levels of symbolic links", e);
        }
        Entry entry = names == null ? null : lookup(names);
        return entry != null && entry.type() == DIRECTORY ? entry.paths() : List.of();
    }

    /** What the image holds at {@code names}: a link (the topmost layer's), something else, or nothing. */
    private ScopedWalk.Step step(List<String> names) throws IOException {
        Entry entry = lookup(names);
        if (entry == null) {
            return ScopedWalk.Step.MISSING;
        }
        return entry.type() == SYMLINK
                ? ScopedWalk.Step.link(Files.readSymbolicLink(entry.paths().getFirst()).toString())
                : ScopedWalk.Step.PLAIN;
    }

    /** The merged entry at {@code names} from the image's root; null when there is none. */
    private Entry lookup(List<String> names) throws IOException {
        List<Path> dirs = layers;
        Entry entry = null;
        for (String name : names) {
            if (entry != null && entry.type() != DIRECTORY) {
                return null;
            }
            entry = child(dirs, name);
            if (entry == null) {
                return null;
            }
            dirs = entry.paths();
        }
        return entry != null ? entry : new Entry(layers, Map.of("mode", DIRECTORY));
    }

    /** {@code name} in the merged directory of {@code dirs}, as overlayfs finds it; null when none or whited out. */
    private Entry child(List<Path> dirs, String name) throws IOException {
        List<Path> found = new ArrayList<>();
        Map<String, Object> top = null;
        for (Path dir : dirs) {
            Path p = dir.resolve(name);
            Map<String, Object> a = stat(p);
            if (a == null) {
                continue;
            }
            int type = (Integer) a.get("mode") & TYPE;
            if (type == CHARACTER_DEVICE && ((Number) a.get("rdev")).longValue() == 0) {
                break;
            }
            if (type != DIRECTORY) {
                if (found.isEmpty()) {
                    return new Entry(List.of(p), a);
                }
                break;
            }
            if (found.isEmpty()) {
                top = a;
            }
            found.add(p);
            if (opaque(p)) {
                break;
            }
        }
        return found.isEmpty() ? null : new Entry(found, top);
    }

    private static Map<String, Object> stat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, "unix:mode,uid,gid,rdev,lastModifiedTime,nlink,ino,dev",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private boolean opaque(Path dir) throws IOException {
        byte[] value = syscalls.getXattr(dir, OPAQUE_XATTR);
        return value != null && new String(value, StandardCharsets.US_ASCII).equals("y");
    }

    /**
     * Copies the merged directory made of {@code dirs} into the empty directory {@code target},
     * owners (mapped into {@code userns} when the container has one), modes and mtimes kept, and
     * gives {@code target} the directory's own owner and mode, as Docker's copy-up does.
     */
    void copy(List<Path> dirs, Path target, UserNamespace userns) throws IOException {
        copy(dirs, target, userns, new HashMap<>());
    }

    /** @param linked the copy of each file with several names met so far, by its device and inode */
    private void copy(List<Path> dirs, Path target, UserNamespace userns, Map<List<Object>, Path> linked)
            throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Path dir : dirs) {
            try (var entries = Files.list(dir)) {
                entries.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        for (String name : names) {
            Entry entry = child(dirs, name);
            if (entry == null) {
                continue;
            }
            Path source = entry.paths().getFirst();
            Path copy = target.resolve(name);
            int mode = (Integer) entry.attributes().get("mode");
            Map<String, Object> a = entry.attributes();
            List<Object> inode = List.of(a.get("dev"), a.get("ino"));
            if (entry.type() == REGULAR && (Integer) a.get("nlink") > 1 && linked.containsKey(inode)) {
                Files.createLink(copy, linked.get(inode));
                continue;
            }
            switch (entry.type()) {
                case DIRECTORY -> {
                    Files.createDirectory(copy);
                    copy(entry.paths(), copy, userns, linked);
                    continue;
                }
                case REGULAR -> {
                    Files.copy(source, copy, LinkOption.NOFOLLOW_LINKS);
                    linked.put(inode, copy);
                }
                case SYMLINK -> Files.createSymbolicLink(copy, Files.readSymbolicLink(source));
                default -> syscalls.mknod(copy, mode, ((Number) entry.attributes().get("rdev")).longValue());
            }
            keep(source, copy, a, userns);
        }
        keep(dirs.getFirst(), target, stat(dirs.getFirst()), userns);
    }

    /**
     * Gives {@code copy} the owner, then the mode and the extended attributes (a chown clears
     * setuid bits and file capabilities), then the mtime of {@code source}, whose attributes are {@code original}.
     */
    private void keep(Path source, Path copy, Map<String, Object> original, UserNamespace userns)
            throws LinuxException, IOException {
        long uid = (Integer) original.get("uid");
        long gid = (Integer) original.get("gid");
        if (userns != null) {
            uid = userns.hostUid(uid) < 0 ? userns.rootUid() : userns.hostUid(uid);
            gid = userns.hostGid(gid) < 0 ? userns.rootGid() : userns.hostGid(gid);
        }
        syscalls.lchown(copy, (int) uid, (int) gid);
        int mode = (Integer) original.get("mode");
        if ((mode & TYPE) != SYMLINK) {
            syscalls.chmod(copy, mode & PERMISSIONS);
        }
        for (String name : syscalls.listXattrs(source)) {
            if (!name.startsWith("trusted.overlay.") && !name.startsWith("user.overlay.")) {
                syscalls.setXattr(copy, name, syscalls.getXattr(source, name));
            }
        }
        FileTime mtime = (FileTime) original.get("lastModifiedTime");
        syscalls.setTimes(copy, mtime.toInstant().getEpochSecond(), mtime.toInstant().getNano());
    }
}
