package dev.minidocker.puller;

import com.github.luben.zstd.ZstdInputStream;
import dev.minidocker.store.oci.LayerCompression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens the uncompressed tar inside a layer blob. */
final class Decompression {
    private static final int BUFFER = 1 << 16;

    private Decompression() {
    }

    static InputStream open(LayerCompression compression, InputStream blob) throws IOException {
        return switch (compression) {
            case NONE -> new BufferedInputStream(blob, BUFFER);
            // GZIPInputStream reads concatenated members too, as pigz-made layers have them.
            case GZIP -> new BufferedInputStream(new GZIPInputStream(blob, BUFFER), BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(blob), BUFFER);
        };
    }
}
