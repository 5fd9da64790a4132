package dev.minidocker.store.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds a layer tar in memory as image builders write them: PAX headers for long names and xattrs. */
final class LayerTar {
    static final FileTime MTIME = FileTime.from(Instant.ofEpochSecond(1_500_000_000L));

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

    LayerTar() {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Long names as GNU tar writes them, in ././@LongLink entries. */
    LayerTar gnuLongNames() {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        return this;
    }

    /** An entry of {@code type}, owned by root, mode 0755 (0644 for files), at {@link #MTIME}. */
    static TarArchiveEntry entry(String name, byte type) {
        // true: keep a leading "/" as a hostile layer would write it.
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(type == TarConstants.LF_NORMAL ? 0644 : 0755);
        e.setIds(0, 0);
        e.setLastModifiedTime(MTIME);
        return e;
    }

    static TarArchiveEntry link(String name, byte type, String target) {
        TarArchiveEntry e = entry(name, type);
        e.setLinkName(target);
        return e;
    }

    LayerTar add(TarArchiveEntry entry) {
        return add(entry, new byte[0]);
    }

    LayerTar add(TarArchiveEntry entry, byte[] content) {
        entry.setSize(content.length);
        try {
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    LayerTar dir(String name) {
        return add(entry(name, TarConstants.LF_DIR));
    }

    LayerTar file(String name, String content) {
        return add(entry(name, TarConstants.LF_NORMAL), content.getBytes(StandardCharsets.UTF_8));
    }

    LayerTar symlink(String name, String target) {
        return add(link(name, TarConstants.LF_SYMLINK, target));
    }

    LayerTar hardlink(String name, String target) {
        return add(link(name, TarConstants.LF_LINK, target));
    }

    /**
     * A PAX header with one record written byte for byte, for the entry added next: what Go's
     * archive/tar writes for a binary xattr, which TarArchiveOutputStream cannot (it writes UTF-8).
     */
    LayerTar rawPaxRecord(String key, byte[] value) {
        byte[] body = new byte[key.length() + value.length + 2];
        int length = body.length + 1;
        while (length != String.valueOf(length).length() + 1 + body.length) {
            length = String.valueOf(length).length() + 1 + body.length;
        }
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes((length + " " + key + "=").getBytes(StandardCharsets.UTF_8));
        record.writeBytes(value);
        record.write('\n');
        TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/next", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        return add(header, record.toByteArray());
    }

    byte[] bytes() {
        try {
            out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
