package dev.minidocker.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two directory trees entry by entry and lists every difference: presence, type, the 12
 * mode bits, owner and group, symlink target, content hash of regular files, device numbers,
 * modification time of everything but directories, and which names are hard links of each other.
 *
 * <p>Directory modification times are left out on purpose: creating or removing an entry sets a
 * directory's mtime to "now", so what it ends up as depends on the order an unpacker works in, not
 * on the image. umoci unpacks all layers into one tree, applying each whiteout there, and restores
 * directory times as it goes; an overlay mount shows each merged directory with the mtime of its
 * uppermost layer's copy, which whiteouts applied by other layers never touch. Files, symlinks and
 * devices have no such ambiguity, so their times are compared.
 */
final class TreeComparison {
    private static final int SHOWN = 100;

    private TreeComparison() {
    }

    /** What one path is, in the terms compared. */
    record Node(String type, int mode, int uid, int gid, long mtimeSeconds, String content, long device) {
    }

    /** Every difference between the trees, one readable line each; empty when they are the same. */
    static List<String> differences(Path expected, Path actual) {
        Tree left = Tree.read(expected);
        Tree right = Tree.read(actual);
        List<String> differences = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(left.nodes.keySet());
        paths.addAll(right.nodes.keySet());
        for (String path : paths) {
            Node want = left.nodes.get(path);
            Node got = right.nodes.get(path);
            if (got == null) {
                differences.add(path + ": missing (expected " + want.type + ")");
            } else if (want == null) {
                differences.add(path + ": unexpected " + got.type);
            } else {
                compare(path, want, got, differences);
                String wantLinks = left.hardLinksOf(path);
                String gotLinks = right.hardLinksOf(path);
                if (!wantLinks.equals(gotLinks)) {
                    differences.add(path + ": hard links " + wantLinks + ", got " + gotLinks);
                }
            }
        }
        return differences;
    }

    /** Fails, listing what differs (the first {@value #SHOWN} lines), unless the trees are the same. */
    static void assertSameTree(Path expected, Path actual) {
        List<String> differences = differences(expected, actual);
        if (!differences.isEmpty()) {
            StringBuilder message = new StringBuilder(differences.size() + " difference(s) between expected "
                    + expected + " and actual " + actual + ":");
            differences.stream().limit(SHOWN).forEach(line -> message.append("\n  ").append(line));
            if (differences.size() > SHOWN) {
                message.append("\n  ... and ").append(differences.size() - SHOWN).append(" more");
            }
            throw new AssertionError(message.toString());
        }
    }

    private static void compare(String path, Node want, Node got, List<String> differences) {
        if (!want.type.equals(got.type)) {
            differences.add(path + ": type " + want.type + ", got " + got.type);
            return;
        }
        if (want.mode != got.mode) {
            differences.add(path + ": mode %04o, got %04o".formatted(want.mode, got.mode));
        }
        if (want.uid != got.uid || want.gid != got.gid) {
            differences.add(path + ": owner " + want.uid + ":" + want.gid + ", got " + got.uid + ":" + got.gid);
        }
        if (!Objects.equals(want.content, got.content)) {
            String what = want.type.equals("symlink") ? "target " : "content ";
            differences.add(path + ": " + what + want.content + ", got " + got.content);
        }
        if (want.device != got.device) {
            differences.add(path + ": device " + deviceName(want.device) + ", got " + deviceName(got.device));
        }
        if (!want.type.equals("directory") && want.mtimeSeconds != got.mtimeSeconds) {
            differences.add(path + ": mtime " + want.mtimeSeconds + ", got " + got.mtimeSeconds);
        }
    }

    /** Linux's encoding of st_rdev: major in bits 8-19 and 32-43, minor in bits 0-7 and 20-31. */
    private static String deviceName(long rdev) {
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        return major + ":" + minor;
    }

    /** A tree read into nodes keyed by path relative to its root ("." for the root). */
    private static final class Tree {
        final SortedMap<String, Node> nodes = new TreeMap<>();
        final Map<String, Object> inodeOf = new HashMap<>();
        final Map<Object, TreeSet<String>> namesOfInode = new HashMap<>();

        static Tree read(Path root) {
            Tree tree = new Tree();
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                            throws IOException {
                        tree.add(root, dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        tree.add(root, file);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("read tree " + root, e);
            }
            return tree;
        }

        /** The other names of a regular file's inode within this tree, e.g. "[a, b]"; "[]" if none. */
        String hardLinksOf(String path) {
            Object inode = inodeOf.get(path);
            if (inode == null) {
                return "[]";
            }
            TreeSet<String> others = new TreeSet<>(namesOfInode.get(inode));
            others.remove(path);
            return others.toString();
        }

        private void add(Path root, Path file) throws IOException {
            Map<String, Object> unix = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
            int rawMode = (Integer) unix.get("mode");
            String type = typeOf(rawMode);
            String content = switch (type) {
                case "file" -> sha256(file);
                case "symlink" -> Files.readSymbolicLink(file).toString();
                default -> null;
            };
            long device = type.endsWith("device") ? (Long) unix.get("rdev") : 0;
            long mtime = ((FileTime) unix.get("lastModifiedTime")).toInstant().getEpochSecond();
            String path = root.equals(file) ? "." : root.relativize(file).toString();
            nodes.put(path, new Node(type, rawMode & 07777, (Integer) unix.get("uid"), (Integer) unix.get("gid"),
                    mtime, content, device));
            if (type.equals("file")) {
                Object inode = List.of(unix.get("dev"), unix.get("ino"));
                inodeOf.put(path, inode);
                namesOfInode.computeIfAbsent(inode, key -> new TreeSet<>()).add(path);
            }
        }

        private static String typeOf(int mode) {
            return switch (mode & 0170000) {
                case 0040000 -> "directory";
                case 0100000 -> "file";
                case 0120000 -> "symlink";
                case 0020000 -> "character device";
                case 0060000 -> "block device";
                case 0010000 -> "fifo";
                case 0140000 -> "socket";
                default -> "unknown type %o".formatted(mode & 0170000);
            };
        }

        private static String sha256(Path file) throws IOException {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        }
    }
}
