package dev.minidocker.store.layer;

import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes one tar entry at a time into a {@link LayerTree}, with its owner, mode, xattrs and mtime. */
final class EntryWriter {
    private static final Set<OpenOption> NEW_FILE =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
    /** Large enough that a big file costs few write(2) calls, small enough to stay in cache. */
    private static final int COPY_BUFFER = 256 * 1024;
    /** Overlayfs keeps its own state in these; one a layer brought could redirect or hide paths. */
    private static final String[] OVERLAY_XATTRS = {"trusted.overlay.", "user.overlay."};

    private final Syscalls syscalls;
    private final LayerTree tree;
    private final PaxXattrs xattrs;
    private final byte[] buffer = new byte[COPY_BUFFER];
    private long written;

    EntryWriter(Syscalls syscalls, LayerTree tree, PaxXattrs xattrs) {
        this.syscalls = syscalls;
        this.tree = tree;
        this.xattrs = xattrs;
    }

    /** The bytes of regular files written so far. */
    long written() {
        return written;
    }

    /** Writes {@code entry}; {@code data} reads its contents. */
    void write(TarArchiveEntry entry, InputStream data) throws IOException {
        LayerPath path = LayerPath.parse(entry.getName(), "path");
        if (path.isRoot()) {
            // "./" describes the layer root, which is the store's directory (as containerd, skip it).
            return;
        }
        switch (Whiteouts.kind(path)) {
            case OPAQUE -> Whiteouts.markOpaque(syscalls, tree.parentOf(path));
            case FILE -> tree.whiteout(path.parent().child(Whiteouts.hidden(path.name())),
                    (int) entry.getLongUserId(), (int) entry.getLongGroupId());
            case AUFS_META -> {
                // Nothing of it belongs in an overlayfs layer.
            }
            case NONE -> node(path, entry, data);
        }
    }

    private void node(LayerPath path, TarArchiveEntry entry, InputStream data) throws IOException {
        byte type = entry.getLinkFlag();
        switch (type) {
            // Old tars mark a directory by a trailing slash alone; 'S' is GNU sparse, which the reader fills in.
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG,
                    TarConstants.LF_GNUTYPE_SPARSE -> {
                if (entry.getName().endsWith("/")) {
                    directory(path, entry);
                } else {
                    file(path, entry, data);
                }
            }
            case TarConstants.LF_DIR -> directory(path, entry);
            case TarConstants.LF_SYMLINK -> symlink(path, entry);
            case TarConstants.LF_LINK -> hardlink(path, entry);
            case TarConstants.LF_CHR -> special(path, entry, Syscalls.S_IFCHR);
            case TarConstants.LF_BLK -> special(path, entry, Syscalls.S_IFBLK);
            case TarConstants.LF_FIFO -> special(path, entry, Syscalls.S_IFIFO);
            // GNU volume labels, multi-volume parts, dumpdirs, vendor types: no image builder writes
            // them, and guessing at one could drop or mangle a file the image needs (containerd fails too).
            default -> throw new BadEntryException("unsupported entry type " + BadEntryException.quoted(
                    String.valueOf((char) (type & 0xff))));
        }
    }

    private void file(LayerPath path, TarArchiveEntry entry, InputStream data) throws IOException {
        Path at = tree.create(path, p -> written += copy(data, p));
        attributes(at, entry, true);
        times(at, entry);
    }

    private long copy(InputStream data, Path to) throws IOException {
        long total = 0;
        try (FileChannel out = FileChannel.open(to, NEW_FILE)) {
            int n;
            // Whole buffers: the stream beneath may hand out a few KiB per read.
            while ((n = data.readNBytes(buffer, 0, buffer.length)) > 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                total += n;
                if (n < buffer.length) {
                    break;
                }
            }
        }
        return total;
    }

    private void directory(LayerPath path, TarArchiveEntry entry) throws IOException {
        Path at = tree.directory(path);
        attributes(at, entry, true);
        tree.setTime(path, entry.getLastModifiedTime());
    }

    private void symlink(LayerPath path, TarArchiveEntry entry) throws IOException {
        String target = entry.getLinkName();
        if (target.indexOf('\0') >= 0) {
            throw new BadEntryException("symlink target contains a NUL byte");
        }
        // The target is stored as the layer wrote it and never followed: what it names is the container's business.
        Path at = tree.create(path, p -> syscalls.symlink(target, p));
        attributes(at, entry, false);
        times(at, entry);
    }

    /** A second name for an inode this layer already wrote, whose attributes it keeps. */
    private void hardlink(LayerPath path, TarArchiveEntry entry) throws IOException {
        String name = entry.getLinkName();
        String what = "hardlink target " + BadEntryException.quoted(name);
        LayerPath target = LayerPath.parse(name, what);
        Path existing = tree.linkable(target);
        if (existing == null) {
            throw new BadEntryException(what + " is not a file this layer wrote before it");
        }
        // A link to itself names what is already there.
        if (!target.equals(path)) {
            tree.create(path, p -> Files.createLink(p, existing));
        }
    }

    private void special(LayerPath path, TarArchiveEntry entry, int type) throws IOException {
        long device = Syscalls.device(entry.getDevMajor(), entry.getDevMinor());
        Path at = tree.create(path, p -> syscalls.mknod(p, type | (entry.getMode() & 07777), device));
        attributes(at, entry, true);
        times(at, entry);
    }

    /**
     * Owner first: chown(2) clears setuid, setgid and security.capability, so mode and xattrs
     * follow it. Symlinks get no mode: chmod(2) would follow them, and Linux ignores it anyway.
     */
    private void attributes(Path at, TarArchiveEntry entry, boolean hasMode) throws IOException {
        syscalls.lchown(at, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
        if (hasMode) {
            syscalls.chmod(at, entry.getMode() & 07777);
        }
        for (Map.Entry<String, byte[]> xattr : xattrs.of(entry).entrySet()) {
            if (!isOverlayXattr(xattr.getKey())) {
                setXattr(at, xattr.getKey(), xattr.getValue());
            }
        }
    }

    private void setXattr(Path at, String name, byte[] value) throws LinuxException {
        try {
            syscalls.setXattr(at, name, value);
        } catch (LinuxException e) {
            // A filesystem without that namespace: the layer still works, as containerd also judges.
            if (!e.is(Errno.EOPNOTSUPP)) {
                throw e;
            }
        }
    }

    private static boolean isOverlayXattr(String name) {
        for (String prefix : OVERLAY_XATTRS) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void times(Path at, TarArchiveEntry entry) throws LinuxException {
        Instant mtime = entry.getLastModifiedTime().toInstant();
        syscalls.setTimes(at, mtime.getEpochSecond(), mtime.getNano());
    }
}
