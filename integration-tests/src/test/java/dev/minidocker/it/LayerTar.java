package dev.minidocker.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * An image layer as the uncompressed tar a build tool would write: entries in the order given,
 * names without a leading {@code ./}, numeric owners only, PAX headers for long or non-ASCII names
 * and link targets, and OCI whiteouts ({@code .wh.NAME}, {@code .wh..wh..opq}) as empty files.
 */
final class LayerTar {
    /** A fixed time for every entry, so a product that does not restore times is caught. */
    static final Instant MTIME = Instant.parse("2024-05-01T12:34:56Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());

    LayerTar() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    LayerTar dir(String path, int mode) {
        return dir(path, mode, 0, 0);
    }

    LayerTar dir(String path, int mode, int uid, int gid) {
        return add(entry(path + "/", TarConstants.LF_DIR, mode, uid, gid), null);
    }

    LayerTar file(String path, int mode, String content) {
        return file(path, mode, 0, 0, content.getBytes(StandardCharsets.UTF_8));
    }

    LayerTar file(String path, int mode, int uid, int gid, byte[] content) {
        TarArchiveEntry entry = entry(path, TarConstants.LF_NORMAL, mode, uid, gid);
        entry.setSize(content.length);
        return add(entry, content);
    }

    LayerTar symlink(String path, String target) {
        TarArchiveEntry entry = entry(path, TarConstants.LF_SYMLINK, 0777, 0, 0);
        entry.setLinkName(target);
        return add(entry, null);
    }

    /** A second name for {@code target}, a regular file earlier in this same layer. */
    LayerTar hardlink(String path, String target) {
        TarArchiveEntry entry = entry(path, TarConstants.LF_LINK, 0644, 0, 0);
        entry.setLinkName(target);
        return add(entry, null);
    }

    LayerTar charDevice(String path, int mode, int major, int minor) {
        TarArchiveEntry entry = entry(path, TarConstants.LF_CHR, mode, 0, 0);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        return add(entry, null);
    }

    LayerTar fifo(String path, int mode) {
        return add(entry(path, TarConstants.LF_FIFO, mode, 0, 0), null);
    }

    /** Deletes {@code path} of the layers below. */
    LayerTar whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
        return file(name, 0644, "");
    }

    /** Hides everything the layers below have in {@code directory}. */
    LayerTar opaque(String directory) {
        return file(directory + "/.wh..wh..opq", 0644, "");
    }

    /** The finished, uncompressed tar. */
    byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, int uid, int gid) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(mode);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setLastModifiedTime(FileTime.from(MTIME));
        return entry;
    }

    private LayerTar add(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("add " + entry.getName(), e);
        }
        return this;
    }
}
