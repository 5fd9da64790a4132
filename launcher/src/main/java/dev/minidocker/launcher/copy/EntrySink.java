package dev.minidocker.launcher.copy;

import java.io.IOException;
import java.io.InputStream;

/** Where the entries of a copy go, one after the other, each directory before what it holds. */
interface EntrySink {
    /** {@code content}: a file's bytes, null for other entries. */
    void accept(CopyEntry entry, InputStream content) throws IOException;

    /** After the last entry. */
    void finish() throws IOException;
}
