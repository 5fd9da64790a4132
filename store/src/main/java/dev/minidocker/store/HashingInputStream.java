package dev.minidocker.store;

import dev.minidocker.linux.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Hashes every byte read through it. */
final class HashingInputStream extends FilterInputStream {
    private final Sha256 hash;

    HashingInputStream(InputStream in, Sha256 hash) {
        super(in);
        this.hash = hash;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            hash.update(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            hash.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be hashed too: read them.
        byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    Sha256 hash() {
        return hash;
    }
}
