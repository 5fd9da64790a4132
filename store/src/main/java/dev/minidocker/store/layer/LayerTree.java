package dev.minidocker.store.layer;

import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.Trees;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The layer's tree as it is written under its root directory. Every directory below the root is
 * one this class made, and it remembers them all: an entry is only ever created in a directory it
 * remembers, so no symbolic link, wherever the layer puts one, can steer a write out of the root,
 * and the common case costs a hash lookup rather than an lstat per parent. That holds because the
 * root starts empty and is private to one unpack (under the store's tmp/, behind the layer lock).
 * The final component is never followed either: nodes are made with O_EXCL semantics.
 */
final class LayerTree {
    /** Directories a layer implies but does not list get what {@code mkdir -p} would give as root. */
    private static final int IMPLICIT_DIRECTORY_MODE = 0755;

    private final Path root;
    private final Syscalls syscalls;
    /** Every directory, with the mtime to give it once nothing more is written into it (or null). */
    private final Map<LayerPath, FileTime> directories = new HashMap<>();
    /** The whiteout devices made so far; a directory made in place of one is made opaque. */
    private final Set<LayerPath> whiteouts = new HashSet<>();

    /** Makes one node at a path that does not exist, failing when it does (EEXIST). */
    interface Node {
        void makeAt(Path path) throws IOException;
    }

    LayerTree(Path root, Syscalls syscalls) {
        this.root = root;
        this.syscalls = syscalls;
        directories.put(LayerPath.ROOT, null);
    }

    Path path(LayerPath p) {
        return p.isRoot() ? root : root.resolve(p.relative());
    }

    /**
     * Makes {@code p} with {@code node} once its parents are directories. What is already there is
     * removed first, as the layer format asks: the later entry for a path wins.
     */
    Path create(LayerPath p, Node node) throws IOException {
        Path at = path(p);
        makeParents(p);
        if (directories.containsKey(p)) {
            remove(p, at);
        }
        try {
            node.makeAt(at);
        } catch (FileAlreadyExistsException | LinuxException e) {
            if (e instanceof LinuxException failed && !failed.is(Errno.EEXIST)) {
                throw e;
            }
            remove(p, at);
            node.makeAt(at);
        }
        return at;
    }

    /** Makes a directory at {@code p}, keeping one that is there: only its attributes change. */
    Path directory(LayerPath p) throws IOException {
        Path at = path(p);
        if (!directories.containsKey(p)) {
            boolean replacesWhiteout = whiteouts.contains(p);
            create(p, Files::createDirectory);
            directories.put(p, null);
            if (replacesWhiteout) {
                // The layer deletes the lower directory and brings its own: overlayfs says so with opaque.
                Whiteouts.markOpaque(syscalls, at);
            }
        }
        return at;
    }

    /** The directory holding {@code p}, made if the layer did not list it. */
    Path parentOf(LayerPath p) throws IOException {
        makeParents(p);
        return path(p.parent());
    }

    /**
     * Hides {@code p} of the lower layers with a char device 0/0, overlayfs's whiteout. An entry
     * this layer wrote at {@code p} stays, since a whiteout hides only lower layers; a directory
     * becomes opaque, as the lower one is deleted and this layer's replaces it.
     */
    void whiteout(LayerPath p, int uid, int gid) throws IOException {
        Path at = path(p);
        if (directories.containsKey(p)) {
            Whiteouts.markOpaque(syscalls, at);
            return;
        }
        makeParents(p);
        try {
            syscalls.mknod(at, Syscalls.S_IFCHR, 0);
        } catch (LinuxException e) {
            if (e.is(Errno.EEXIST)) {
                return;
            }
            throw e;
        }
        whiteouts.add(p);
        syscalls.lchown(at, uid, gid);
    }

    /**
     * The path of a non-directory this layer has written at {@code p}, for a hardlink to it; null
     * when there is none, or when reaching it would go through anything but a directory we made.
     */
    Path linkable(LayerPath p) {
        Path at = path(p);
        boolean ours = directories.containsKey(p.parent()) && !directories.containsKey(p);
        return ours && Files.exists(at, LinkOption.NOFOLLOW_LINKS) ? at : null;
    }

    /** Records the mtime a directory gets at {@link #finish}. */
    void setTime(LayerPath dir, FileTime mtime) {
        directories.put(dir, mtime);
    }

    /**
     * Sets directory mtimes, last because writing into a directory changes its mtime. Setting a
     * child's times leaves its parent's alone, so the order among directories does not matter.
     */
    void finish() throws IOException {
        for (Map.Entry<LayerPath, FileTime> dir : directories.entrySet()) {
            if (dir.getValue() != null) {
                Instant t = dir.getValue().toInstant();
                syscalls.setTimes(path(dir.getKey()), t.getEpochSecond(), t.getNano());
            }
        }
    }

    /** Makes the missing directories above {@code p}; refuses to go through anything else. */
    private void makeParents(LayerPath p) throws IOException {
        LayerPath parent = p.parent();
        if (directories.containsKey(parent)) {
            return;
        }
        Deque<LayerPath> missing = new ArrayDeque<>();
        for (LayerPath dir = parent; !directories.containsKey(dir); dir = dir.parent()) {
            missing.push(dir);
        }
        while (!missing.isEmpty()) {
            LayerPath dir = missing.pop();
            Path at = path(dir);
            // Only a whiteout of this layer may give way to a directory the layer implies.
            if (!whiteouts.contains(dir) && Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadEntryException("parent " + BadEntryException.quoted(dir.relative()) + " is "
                        + (Files.isSymbolicLink(at) ? "a symbolic link" : "not a directory"));
            }
            directory(dir);
            syscalls.chmod(at, IMPLICIT_DIRECTORY_MODE);
        }
    }

    private void remove(LayerPath p, Path at) throws IOException {
        if (directories.containsKey(p)) {
            Trees.delete(at);
            directories.keySet().removeIf(p::contains);
            whiteouts.removeIf(p::contains);
        } else {
            Files.delete(at);
            whiteouts.remove(p);
        }
    }
}
