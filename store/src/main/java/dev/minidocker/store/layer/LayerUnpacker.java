package dev.minidocker.store.layer;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a layer tar into the form overlayfs reads as a lowerdir: whiteouts become char devices
 * 0/0 and opaque markers an xattr, owners, modes, xattrs and mtimes are kept, and no entry can
 * create, change or link anything outside the target directory.
 */
public final class LayerUnpacker {
    /** Tar headers come in 512-byte reads; this turns them into few reads of the stream beneath. */
    private static final int READ_BUFFER = 64 * 1024;

    private final Syscalls syscalls;

    public LayerUnpacker(Syscalls syscalls) {
        this.syscalls = syscalls;
    }

    /**
     * Reads an uncompressed layer tar from {@code tar} and writes its tree in overlayfs form under
     * {@code target}, an existing empty directory. Returns the bytes of regular files written.
     */
    public long unpack(InputStream tar, Path target) throws IOException, StoreException {
        PaxXattrs headers = new PaxXattrs(new BufferedInputStream(tar, READ_BUFFER));
        // Not closed: the stream is the caller's, who reads what follows the tar's end.
        TarArchiveInputStream entries = new TarArchiveInputStream(headers, StandardCharsets.UTF_8.name());
        LayerTree tree = new LayerTree(target, syscalls);
        EntryWriter writer = new EntryWriter(syscalls, tree, headers);
        for (TarArchiveEntry entry = headers.next(entries); entry != null; entry = headers.next(entries)) {
            try {
                writer.write(entry, entries);
            } catch (IOException e) {
                // The detail names the path too: as the layer names it, on one line.
                String detail = describe(e).replace(target + "/", "");
                throw new StoreException("unpack layer entry " + BadEntryException.quoted(entry.getName()) + ": "
                        + BadEntryException.escaped(detail), e);
            }
        }
        tree.finish();
        return writer.written();
    }

    /** The JDK's file errors carry the path alone as their message; say what went wrong too. */
    private static String describe(IOException e) {
        if (e instanceof FileSystemException failed && failed.getReason() == null) {
            return failed.getClass().getSimpleName() + " " + failed.getFile();
        }
        return e.getMessage();
    }
}
