package dev.minidocker.launcher;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.Annotations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code diff}: what a container changed, read from its writable layer (overlayfs' upper
 * directory) against the image's layers: {@code A} added, {@code C} changed, {@code D} deleted (a
 * whiteout, character device 0/0), sorted by path; the directories holding a change are listed as
 * changed; an opaque directory (trusted.overlay.opaque=y) deletes what the image had in it. The
 * files the engine makes as mount points (Docker keeps them in an init layer) are not changes.
 */
public final class ContainerChanges {
    /** A change, as {@code diff} prints it: {@code C /etc}. */
    public record Change(char kind, String path) {
        @Override
        public String toString() {
            return kind + " " + path;
        }
    }

    private static final Set<String> MOUNT_POINTS = Set.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
            "/.dockerenv", "/dev", "/proc", "/sys", "/etc/mtab");
    private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final String LOWERDIR = "lowerdir=";
    private static final String OPAQUE = "trusted.overlay.opaque";

    private final Path upper;
    private final List<Path> lowers;
    private final Syscalls syscalls;
    private final SortedMap<String, Character> changes = new TreeMap<>();

    private ContainerChanges(Path upper, List<Path> lowers, Syscalls syscalls) {
        this.upper = upper;
        this.lowers = lowers;
        this.syscalls = syscalls;
    }

    /** The changes of container {@code id}: its upper directory over the lower ones its spec's overlay names. */
    public static List<Change> of(Starter starter, String id, Syscalls syscalls) throws LaunchException {
        String overlay = starter.spec(id).annotations().getOrDefault(Annotations.OVERLAY, "");
        List<Path> lowers = new ArrayList<>();
        for (String option : overlay.split(",")) {
            if (option.startsWith(LOWERDIR)) {
                for (String layer : option.substring(LOWERDIR.length()).split(":")) {
                    lowers.add(Path.of(layer));
                }
            }
        }
        try {
            return of(starter.dirs(id).upper(), lowers, syscalls);
        } catch (IOException e) {
            throw new LaunchException("read the changes of container " + id + ": " + e.getMessage(), e);
        }
    }

    /** The changes of the upper directory {@code upper} over {@code lowers} (topmost first). */
    public static List<Change> of(Path upper, List<Path> lowers, Syscalls syscalls) throws IOException {
        ContainerChanges c = new ContainerChanges(upper, lowers, syscalls);
        c.walk("");
        return c.changes.entrySet().stream().map(e -> new Change(e.getValue(), e.getKey())).toList();
    }

    private void walk(String dir) throws IOException {
        List<String> names;
        try (Stream<Path> children = Files.list(dir.isEmpty() ? upper : upper.resolve(dir.substring(1)))) {
            names = children.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String name : names) {
            String path = dir + "/" + name;
            if (!MOUNT_POINTS.contains(path)) {
                visit(path);
            }
        }
    }

    private void visit(String path) throws IOException {
        Path file = upper.resolve(path.substring(1));
        Map<String, Object> here = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        Map<String, Object> before = inImage(path);
        int mode = (Integer) here.get("mode");
        if ((mode & S_IFMT) == S_IFCHR && (Long) here.get("rdev") == 0) {
            if (before != null) {
                record('D', path);
            }
            return;
        }
        boolean isDir = (mode & S_IFMT) == S_IFDIR;
        if (before == null || isDir != (((Integer) before.get("mode") & S_IFMT) == S_IFDIR)) {
            record(before == null ? 'A' : 'C', path);
        } else if (!isDir || !here.equals(before)) {
            record('C', path);
        }
        if (!isDir) {
            return;
        }
        if (before != null && opaque(file)) {
            for (String name : namesInImage(path)) {
                if (!Files.exists(file.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    record('D', path + "/" + name);
                }
            }
        }
        walk(path);
    }

    /** {@code kind} for {@code path}, and every directory above it changed. */
    private void record(char kind, String path) {
        changes.put(path, kind);
        for (Path p = Path.of(path).getParent(); p != null && p.getNameCount() > 0; p = p.getParent()) {
            changes.putIfAbsent(p.toString(), 'C');
        }
    }

    private boolean opaque(Path dir) throws IOException {
        byte[] value = syscalls.getXattr(dir, OPAQUE);
        return value != null && value.length == 1 && value[0] == 'y';
    }

    /** What the image has at {@code path}: the topmost layer's, unless a whiteout or an opaque directory hides it. */
    private Map<String, Object> inImage(String path) throws IOException {
        Path relative = Path.of(path.substring(1));
        for (Path layer : lowers) {
            boolean hidesBelow = false;
            for (int i = 1; i <= relative.getNameCount(); i++) {
                Path candidate = layer.resolve(relative.subpath(0, i));
                Map<String, Object> a = attributes(candidate);
                if (a == null) {
                    break;
                }
                int mode = (Integer) a.get("mode");
                if ((mode & S_IFMT) == S_IFCHR && (Long) a.get("rdev") == 0) {
                    return null;
                }
                if (i == relative.getNameCount()) {
                    return a;
                }
                if ((mode & S_IFMT) != S_IFDIR) {
                    return null;
                }
                hidesBelow |= opaque(candidate);
            }
            if (hidesBelow) {
                return null;
            }
        }
        return null;
    }

    /** The names the image has in the directory {@code path}. */
    private List<String> namesInImage(String path) throws IOException {
        SortedMap<String, Boolean> names = new TreeMap<>();
        for (Path layer : lowers) {
            Path dir = layer.resolve(path.substring(1));
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> children = Files.list(dir)) {
                    children.forEach(c -> names.put(c.getFileName().toString(), true));
                }
            }
        }
        List<String> present = new ArrayList<>();
        for (String name : names.keySet()) {
            if (inImage(path + "/" + name) != null) {
                present.add(name);
            }
        }
        return present;
    }

    private static Map<String, Object> attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
