package dev.minidocker.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Who may enter the store. Layers hold what images bring (a setuid-root program, a device node)
 * and containers' upper directories what their root writes: a host user who could reach them
 * would run the one as root and open the other. So every directory of the store is its owner's
 * alone (0700), except those that a container's root must pass through when it runs in a user
 * namespace of its own (an unprivileged host uid): the state directory and {@code containers/}
 * are 0711, search without read, and each container's directory below is 0700 again, owned by
 * root or handed to that container's root. Docker keeps its data root and {@code containers/}
 * 0710/0711 the same way. So are {@code seccomp/} and its {@code sha256/}, where that root's
 * shim reads the container's compiled filter (a program made from a public profile, readable by
 * all); the index beside them is the owner's alone.
 *
 * <p>Checked on every open, with a stat of each directory: a store made by an older minidocker
 * (everything 0755) is closed then, and said once, since someone may have opened it on purpose.
 * A store that cannot be made private (not a directory, another user's, or below a directory that
 * others could write to and so put another directory in its place) is refused.
 */
final class StoreAccess {
    /** Owner only: what every directory of the store is, but two. */
    static final int PRIVATE = 0700;
    /** Owner, and search (no read) for a container's root in a user namespace. */
    static final int PASSABLE = 0711;
    private static final int OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int DIRECTORY = 0040000;
    private static final int TYPE = 0170000;

    /** The directories, parents first, and the mode each must have. */
    private static final Map<String, Integer> LAYOUT = layout();
    private static final String CONTAINERS = "containers";

    private StoreAccess() {
    }

    /**
     * Creates the store's directories at {@code root} (absolute, normalised) or makes the existing
     * ones private; hands {@code notices} one line when it had to close an existing store.
     */
    static synchronized void secure(Path root, Consumer<String> notices) throws StoreException {
        try {
            // /proc/self belongs to the process's effective uid.
            int user = uid(Path.of("/proc/self"));
            String unsafe = refusedParent(above(root), user);
            if (unsafe != null) {
                throw refused(root, unsafe);
            }
            // Every open, by any version, made them all: a store that lacks one is new (or was
            // begun by hand), and the modes it had are no news to anyone.
            boolean whole = true;
            int closed = 0;
            for (Map.Entry<String, Integer> dir : LAYOUT.entrySet()) {
                Path path = root.resolve(dir.getKey());
                PosixFileAttributes stat = statIfPresent(path);
                if (stat == null) {
                    create(path, dir.getValue());
                    whole = false;
                } else {
                    closed += close(root, path, stat, dir.getValue(), user);
                }
            }
            if (closed > 0 && whole) {
                notices.accept("closed the store " + root + " to other users: " + closed + " directories were open"
                        + " to them (left so by an older minidocker or a chmod)");
            }
        } catch (IOException e) {
            throw new StoreException("open store " + root + ": " + detail(e), e);
        }
    }

    /** Gives an existing directory of the store the mode it must have; returns how many it closed. */
    private static int close(Path root, Path dir, PosixFileAttributes stat, int wanted, int user)
            throws IOException, StoreException {
        if (!stat.isDirectory()) {
            throw refused(root, dir + " is not a directory");
        }
        int mode = bits(stat.permissions());
        if (dir.equals(root)) {
            // What is in the store only its owner could have made: the state directory's is checked alone.
            int owner = uid(dir);
            if (owner != user) {
                throw refused(root, dir + " belongs to uid " + Integer.toUnsignedString(owner) + ", not to uid "
                        + Integer.toUnsignedString(user) + " who runs minidocker");
            }
            // Closed further by its owner (0700), it stays so: of what others had, only search is kept.
            wanted = PRIVATE | (mode & 0011);
        }
        if (mode == wanted) {
            return 0;
        }
        Files.setAttribute(dir, "unix:mode", wanted);
        return dir.equals(root.resolve(CONTAINERS)) ? 1 + closeEach(dir) : 1;
    }

    /**
     * The directory the store is in, as it really is (symlinks resolved), made first if it is
     * missing (as {@code mkdir -p}); the store's own directory is made only once that is checked.
     */
    private static Path above(Path root) throws IOException {
        if (Files.exists(root)) {
            return root.toRealPath().getParent();
        }
        return Files.createDirectories(root.getParent()).toRealPath();
    }

    private static StoreException refused(Path root, String why) {
        return new StoreException("open store " + root + ": " + why);
    }

    /**
     * What {@code path} is, or null if there is nothing there. The typed attributes, not the
     * "unix:" ones read by name, which go through a map of names on every call of every command.
     */
    private static PosixFileAttributes statIfPresent(Path path) throws IOException {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /** The permission bits of a mode (0755, say), from the JDK's set of them. */
    private static int bits(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            // OWNER_READ (0400) first, OTHERS_EXECUTE (0001) last.
            bits |= 0400 >> p.ordinal();
        }
        return bits;
    }

    private static int uid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid");
    }

    private static void create(Path dir, int mode) throws IOException {
        try {
            // Never wider than its owner's for a moment, whatever the umask...
            Files.createDirectory(dir, Store.PRIVATE_DIRECTORY);
        } catch (FileAlreadyExistsException raced) {
            // Another command made it just now, and gives it its mode.
            return;
        }
        // ...then search for others where the mode asks for it.
        Files.setAttribute(dir, "unix:mode", mode);
    }

    /**
     * Whoever may write to a directory above the store could rename the store away and put a
     * directory (or a symlink to one) of theirs in its place; a sticky directory such as /tmp lets
     * no one but an entry's owner rename it. Null when no one but root and the user can.
     */
    private static String refusedParent(Path above, int user) throws IOException {
        for (Path dir = above; dir != null; dir = dir.getParent()) {
            int owner = uid(dir);
            if (owner != 0 && owner != user) {
                return dir + " belongs to uid " + Integer.toUnsignedString(owner)
                        + ", who could put another directory in the store's place";
            }
            if ((bits(Files.readAttributes(dir, PosixFileAttributes.class).permissions()) & OTHERS_WRITE) != 0) {
                int mode = (Integer) Files.getAttribute(dir, "unix:mode");
                if ((mode & STICKY) == 0) {
                    return dir + " is writable by other users (mode " + String.format("%04o", mode & 07777)
                            + "), who could put another directory in the store's place";
                }
            }
        }
        return null;
    }

    /**
     * Container directories that an older minidocker made 0755, and that {@code containers/} no
     * longer hides now that others may pass through it; the owner (root, or a container's root
     * in its user namespace) keeps its own bits.
     */
    private static int closeEach(Path containers) throws IOException {
        int closed = 0;
        try (Stream<Path> dirs = Files.list(containers)) {
            for (Path dir : dirs.toList()) {
                int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                if ((mode & TYPE) == DIRECTORY && (mode & 0077) != 0) {
                    Files.setAttribute(dir, "unix:mode", mode & 07700);
                    closed++;
                }
            }
        }
        return closed;
    }

    private static String detail(IOException e) {
        if (e instanceof NoSuchFileException) {
            return e.getMessage() + ": no such file or directory";
        }
        return e.getMessage();
    }

    private static Map<String, Integer> layout() {
        Map<String, Integer> layout = new LinkedHashMap<>();
        layout.put("", PASSABLE);
        for (String d : List.of("blobs", "blobs/sha256", "layers", "layers/sha256", "images", "images/sha256", "tmp",
                "tmp/ingest", "locks", "mounts", "networks")) {
            layout.put(d, PRIVATE);
        }
        layout.put(CONTAINERS, PASSABLE);
        layout.put("seccomp", PASSABLE);
        layout.put("seccomp/sha256", PASSABLE);
        layout.put("seccomp/index", PRIVATE);
        // A container's root in a user namespace passes through to the volumes its shim binds.
        layout.put("volumes", PASSABLE);
        return Collections.unmodifiableMap(layout);
    }
}
