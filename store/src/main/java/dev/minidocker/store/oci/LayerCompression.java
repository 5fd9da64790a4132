package dev.minidocker.store.oci;

/** How a layer tar is compressed in its blob. */
public enum LayerCompression {
    NONE, GZIP, ZSTD
}
