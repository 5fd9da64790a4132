package dev.minidocker.launcher.copy;

import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;

/**
 * Writes entries below a directory of a {@link Place}, as tar extracts them: what is in the way
 * (not a directory where a directory goes) is replaced, modes and times kept; a directory's mode
 * and time are set last, once what it holds is written. An entry's name cannot leave the
 * directory: {@code ..} is removed from it first.
 */
final class TreeWriter implements EntrySink {
    private final Place place;
    private final String dir;
    private final Syscalls syscalls;
    private final UnaryOperator<CopyEntry> owner;
    private final Deque<CopyEntry> directories = new ArrayDeque<>();

    /** {@code owner}: who owns what is written (on the host, null: the caller). */
    TreeWriter(Place place, String dir, Syscalls syscalls, UnaryOperator<CopyEntry> owner) {
        this.place = place;
        this.dir = dir;
        this.syscalls = syscalls;
        this.owner = owner;
    }

    /** Where {@code name} lands: inside the directory, whatever its {@code ..}. */
    String target(String name) {
        String inside = Path.of("/").resolve(name).normalize().toString();
        return inside.equals("/") ? dir : dir.equals("/") ? inside : dir + inside;
    }

    @Override
    public void accept(CopyEntry entry, InputStream content) throws IOException {
        String target = target(entry.name());
        if (target.equals(dir) && !entry.isDirectory()) {
            throw new IOException("extract " + entry.name() + ": not a file name");
        }
        place.at(target, p -> {
            make(entry, p, content);
            return null;
        });
        if (entry.isDirectory()) {
            directories.push(new CopyEntry(target, entry.mode(), 0, 0, 0, 0, entry.modified(), null, false));
        } else {
            attributes(target, entry);
        }
    }

    private void make(CopyEntry entry, Path p, InputStream content) throws IOException {
        boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        if (entry.isDirectory()) {
            if (!isDir) {
                Files.deleteIfExists(p);
                Files.createDirectory(p);
            }
        } else {
            if (isDir) {
                throw new IOException("cannot overwrite directory " + target(entry.name()) + " with non-directory");
            }
            Files.deleteIfExists(p);
            if (entry.isFile()) {
                try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    content.transferTo(out);
                }
            } else if (entry.isSymbolicLink()) {
                syscalls.symlink(entry.link(), p);
            } else if (entry.hardLink()) {
                place.at(target(entry.link()), linked -> Files.createLink(p, linked));
            } else {
                syscalls.mknod(p, entry.mode(), entry.device());
            }
        }
        if (owner != null) {
            CopyEntry owned = owner.apply(entry);
            syscalls.lchown(p, owned.uid(), owned.gid());
        }
    }

    /** Mode after owner (chown clears setuid bits), time last; a link keeps its own mode. */
    private void attributes(String target, CopyEntry entry) throws IOException {
        if (entry.hardLink()) {
            return;
        }
        if (!entry.isSymbolicLink()) {
            place.chmod(target, entry.permissions());
        }
        place.at(target, p -> {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(entry.modified(), null, null);
            return null;
        });
    }

    @Override
    public void finish() throws IOException {
        while (!directories.isEmpty()) {
            CopyEntry d = directories.pop();
            attributes(d.name(), d);
        }
    }
}
