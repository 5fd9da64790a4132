package dev.minidocker.store.layer;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The extended attributes a tar carries in {@code SCHILY.xattr.<name>} PAX records, with their
 * values byte for byte. commons-compress decodes every PAX value as UTF-8, which turns the binary
 * of a value such as {@code security.capability} into U+FFFD; so this stream sits beneath the tar
 * reader, keeps the header bytes of the entry being read, and takes a mangled value from them.
 */
final class PaxXattrs extends FilterInputStream {
    private static final String PREFIX = "SCHILY.xattr.";
    private static final int MAX_LENGTH_DIGITS = 9;

    private final ByteArrayOutputStream headers = new ByteArrayOutputStream();
    private boolean recording;

    PaxXattrs(InputStream in) {
        super(in);
    }

    /** The next entry of {@code tar}, which must read from this stream; null at the end. */
    TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        // Skip what the writer left of the last entry before recording: its size is the layer's to choose.
        if (tar.getCurrentEntry() != null && tar.available() > 0) {
            tar.skip(Long.MAX_VALUE);
        }
        headers.reset();
        recording = true;
        try {
            return tar.getNextEntry();
        } finally {
            recording = false;
        }
    }

    /** The entry's extended attributes by name; empty for most entries. */
    Map<String, byte[]> of(TarArchiveEntry entry) throws BadEntryException {
        Map<String, String> pax = entry.getExtraPaxHeaders();
        if (pax.isEmpty()) {
            return Map.of();
        }
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : pax.entrySet()) {
            String key = header.getKey();
            if (key.startsWith(PREFIX)) {
                String decoded = header.getValue();
                xattrs.put(key.substring(PREFIX.length()),
                        decoded.indexOf('\uFFFD') < 0 ? decoded.getBytes(StandardCharsets.UTF_8) : raw(key));
            }
        }
        return xattrs;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (recording && b >= 0) {
            headers.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (recording && n > 0) {
            headers.write(b, off, n);
        }
        return n;
    }

    /**
     * The value of the last {@code "<length> <key>=<value>\n"} record for {@code key} in the
     * recorded headers. The last, because PAX headers come after any padding of the entry before.
     */
    private byte[] raw(String key) throws BadEntryException {
        byte[] data = headers.toByteArray();
        byte[] needle = (" " + key + "=").getBytes(StandardCharsets.UTF_8);
        for (int at = lastIndexOf(data, needle, data.length - needle.length); at > 0;
                at = lastIndexOf(data, needle, at - 1)) {
            int start = at;
            while (start > 0 && at - start < MAX_LENGTH_DIGITS && isDigit(data[start - 1])) {
                start--;
            }
            if (start == at) {
                continue;
            }
            int end = start + Integer.parseInt(new String(data, start, at - start, StandardCharsets.US_ASCII));
            int value = at + needle.length;
            if (end > value && end <= data.length && data[end - 1] == '\n') {
                return Arrays.copyOfRange(data, value, end - 1);
            }
        }
        throw new BadEntryException("PAX header " + key + " is not where this reader can recover its bytes");
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int lastIndexOf(byte[] data, byte[] needle, int from) {
        for (int i = Math.min(from, data.length - needle.length); i >= 0; i--) {
            if (Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
