package dev.minidocker.store.layer;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Placeholder until the unpacker lands (being written now). */
public final class LayerUnpacker {
    private final Syscalls syscalls;

    public LayerUnpacker(Syscalls syscalls) {
        this.syscalls = syscalls;
    }

    /**
     * Reads an uncompressed layer tar from {@code tar} and writes its tree in overlayfs form under
     * {@code target}, an existing empty directory. Returns the bytes of regular files written.
     */
    public long unpack(InputStream tar, Path target) throws IOException, StoreException {
        throw new UnsupportedOperationException("not yet");
    }
}
