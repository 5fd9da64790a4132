package dev.minidocker.launcher.copy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tree of a {@link Place} into entries, links as links: a directory, then what it holds,
 * by name. A file met again through another hard link is a hard link to the name it was first
 * read under, as tar has it.
 */
final class TreeReader {
    private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev,size,lastModifiedTime,ino,dev,nlink";
    private static final int MAX_LINKS = 40;

    private final Place place;
    private final Set<String> leftEmpty;
    /** The name each file with several links was first read under, by device and inode. */
    private final Map<List<Object>, String> linked = new HashMap<>();

    TreeReader(Place place) {
        this(place, Set.of());
    }

    /** {@code leftEmpty}: directories read as empty. */
    TreeReader(Place place, Set<String> leftEmpty) {
        this.place = place;
        this.leftEmpty = leftEmpty;
    }

    /** The entry at {@code path}, named {@code name}; null when nothing is there. */
    CopyEntry stat(String path, String name) throws IOException {
        return place.at(path, p -> {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException e) {
                return null;
            }
            int mode = (Integer) a.get("mode");
            String link = (mode & CopyEntry.S_IFMT) == CopyEntry.S_IFLNK ? Files.readSymbolicLink(p).toString() : null;
            boolean hardLink = false;
            if ((mode & CopyEntry.S_IFMT) == CopyEntry.S_IFREG && (Integer) a.get("nlink") > 1 && !name.isEmpty()) {
                String first = linked.putIfAbsent(List.of(a.get("dev"), a.get("ino")), name);
                hardLink = first != null;
                link = first;
            }
            return new CopyEntry(name, mode, (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("rdev"),
                    hardLink ? 0 : (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), link, hardLink);
        });
    }

    /**
     * {@code path} with its final symbolic links followed, in this place ({@code -L}): relative
     * targets from the link's directory, absolute ones from the place's root.
     */
    String followed(String path) throws IOException {
        String current = path;
        for (int i = 0; i < MAX_LINKS; i++) {
            CopyEntry e = stat(current, "");
            if (e == null || !e.isSymbolicLink()) {
                return current;
            }
            current = e.link().startsWith("/") ? e.link() : parent(current) + "/" + e.link();
        }
        throw new IOException("follow " + path + ": too many levels of symbolic links");
    }

    /**
     * Sends {@code top} (the entry at {@code path}, renamed) and, for a directory, all it holds, to
     * {@code sink}; a {@code top} named "" is not sent itself (a directory's contents alone).
     */
    void read(String path, CopyEntry top, EntrySink sink) throws IOException {
        if (!top.name().isEmpty()) {
            send(path, top, sink);
        }
        if (!top.isDirectory() || leftEmpty.contains(path)) {
            return;
        }
        for (String child : place.list(path)) {
            String childPath = path.endsWith("/") ? path + child : path + "/" + child;
            String childName = top.name().isEmpty() ? child : top.name() + "/" + child;
            CopyEntry e = stat(childPath, childName);
            if (e != null) {
                read(childPath, e, sink);
            }
        }
    }

    private void send(String path, CopyEntry entry, EntrySink sink) throws IOException {
        if (!entry.isFile()) {
            sink.accept(entry, null);
            return;
        }
        place.at(path, p -> {
            try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                sink.accept(entry, in);
            }
            return null;
        });
    }

    static String parent(String path) {
        Path parent = Path.of(path).getParent();
        return parent == null ? "/" : parent.toString();
    }
}
