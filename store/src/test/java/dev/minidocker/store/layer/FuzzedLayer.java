package dev.minidocker.store.layer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * A layer tar made of the fuzzer's choices among what breaks extractors: names with {@code ..},
 * {@code .}, empty components, absolute names and symlinked parents; whiteouts and opaque markers;
 * hardlinks to outside or to what the layer does not hold; devices, fifos, unknown types; xattrs
 * in PAX headers (overlayfs' own among them); owners and modes of every kind; an entry whose header
 * claims gigabytes; a stream cut anywhere, even in a header. Written by commons-compress, so every
 * header checksum is right and the fuzzer's time goes past the tar reader into the unpacker.
 */
final class FuzzedLayer {
    private static final byte[] TYPES = {TarConstants.LF_NORMAL, TarConstants.LF_DIR, TarConstants.LF_SYMLINK,
        TarConstants.LF_LINK, TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO, TarConstants.LF_CONTIG,
        TarConstants.LF_OLDNORM, TarConstants.LF_GNUTYPE_SPARSE, 'V', 'Z'};
    private static final String[] COMPONENTS = {"a", "b", "dir", "link", ".", "..", "", ".wh.a", ".wh.b",
        ".wh..wh..opq", ".wh..wh.plnk", ".wh..wh.aufs", ".wh.", ".wh...", "a\u0000b", "\u00e9t\u00e9", "x\ny"};
    private static final String[] XATTRS = {"user.note", "trusted.overlay.opaque", "trusted.overlay.redirect",
        "security.capability", "trusted.x", "system.posix_acl_access", "", "user."};
    private static final long[] IDS = {0, 1, 1000, 65534, 65535, 65536, 4294967294L, 4294967295L, 1L << 40};

    private final FuzzedDataProvider data;
    private final Path home;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private FuzzedLayer(FuzzedDataProvider data, Path home) {
        this.data = data;
        this.home = home;
    }

    /** The tar; absolute names the fuzzer picks lead into {@code home} (see {@link Reach}). */
    static byte[] from(FuzzedDataProvider data, Path home) {
        return new FuzzedLayer(data, home).write();
    }

    private byte[] write() {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        try {
            int count = data.consumeInt(0, 12);
            for (int i = 0; i < count; i++) {
                if (data.consumeInt(0, 15) == 0) {
                    claimGigabytes(tar);
                    return cut();
                }
                add(tar);
            }
            tar.finish();
        } catch (IOException | IllegalArgumentException unwritable) {
            // commons-compress refuses some choices (a name it cannot encode): the tar ends there.
        }
        return cut();
    }

    private void add(TarArchiveOutputStream tar) throws IOException {
        byte type = data.pickValue(TYPES);
        TarArchiveEntry entry = new TarArchiveEntry(name(), type, true);
        entry.setMode(data.consumeInt(0, 07777));
        entry.setUserId(data.pickValue(IDS));
        entry.setGroupId(data.pickValue(IDS));
        entry.setLastModifiedTime(FileTime.fromMillis(data.consumeLong(-1L << 40, 1L << 42)));
        if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
            entry.setLinkName(name());
        }
        if (type == TarConstants.LF_CHR || type == TarConstants.LF_BLK) {
            entry.setDevMajor(data.consumeInt(0, 300));
            entry.setDevMinor(data.consumeInt(0, 300));
        }
        for (int x = data.consumeInt(0, 2); x > 0; x--) {
            entry.addPaxHeader("SCHILY.xattr." + data.pickValue(XATTRS), data.consumeString(16));
        }
        byte[] content = type == TarConstants.LF_DIR || type == TarConstants.LF_SYMLINK ? new byte[0]
                : data.consumeBytes(data.consumeInt(0, 64));
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** A regular file whose header says 8 GiB, followed by a few bytes and the end of the stream. */
    private void claimGigabytes(TarArchiveOutputStream tar) throws IOException {
        tar.flush();
        TarArchiveEntry entry = new TarArchiveEntry(name(), TarConstants.LF_NORMAL, true);
        entry.setSize(8L << 30);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8), true);
        bytes.writeBytes(header);
        bytes.writeBytes(data.consumeBytes(data.consumeInt(0, 1024)));
    }

    /** The tar as written, or cut short where the fuzzer says. */
    private byte[] cut() {
        byte[] all = bytes.toByteArray();
        if (all.length == 0 || !data.consumeBoolean()) {
            return all;
        }
        return Arrays.copyOf(all, data.consumeInt(0, all.length - 1));
    }

    /** A relative path of up to four components, or an absolute one into {@code home}. */
    private String name() {
        List<String> parts = new ArrayList<>();
        for (int n = data.consumeInt(1, 4); n > 0; n--) {
            parts.add(data.consumeBoolean() ? data.pickValue(COMPONENTS) : data.consumeString(12));
        }
        String name = String.join("/", parts);
        return switch (data.consumeInt(0, 5)) {
            case 0 -> home + "/" + name;
            case 1 -> name + "/";
            case 2 -> "./" + name;
            default -> name;
        };
    }
}
