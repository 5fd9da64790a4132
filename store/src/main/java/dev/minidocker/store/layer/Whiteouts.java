package dev.minidocker.store.layer;

import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The aufs whiteout names of the OCI layer format, and the overlayfs form each one takes. */
final class Whiteouts {
    private static final String PREFIX = ".wh.";
    private static final String AUFS_META_PREFIX = PREFIX + PREFIX;
    private static final String OPAQUE_NAME = AUFS_META_PREFIX + ".opq";
    private static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final byte[] OPAQUE_VALUE = "y".getBytes(StandardCharsets.US_ASCII);

    private Whiteouts() {
    }

    enum Kind {
        /** An ordinary name. */
        NONE,
        /** {@code .wh..wh..opq}: hide every lower-layer child of its directory. */
        OPAQUE,
        /** {@code .wh..wh.<x>} and what is under it: aufs bookkeeping such as {@code .wh..wh.plnk/}. */
        AUFS_META,
        /** {@code .wh.<name>}: hide the lower layers' {@code <name>}. */
        FILE
    }

    static Kind kind(LayerPath path) {
        // aufs keeps its directories of bookkeeping at the layer root; overlayfs has no use for them.
        if (path.relative().startsWith(AUFS_META_PREFIX) && !path.relative().equals(OPAQUE_NAME)) {
            return Kind.AUFS_META;
        }
        String name = path.name();
        if (!name.startsWith(PREFIX)) {
            return Kind.NONE;
        }
        if (name.equals(OPAQUE_NAME)) {
            return Kind.OPAQUE;
        }
        return name.startsWith(AUFS_META_PREFIX) ? Kind.AUFS_META : Kind.FILE;
    }

    /** The name that a {@code .wh.<name>} whiteout hides, which must be an entry of its directory. */
    static String hidden(String whiteout) throws BadEntryException {
        String name = whiteout.substring(PREFIX.length());
        if (name.isEmpty()) {
            throw new BadEntryException("whiteout names no entry");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new BadEntryException("whiteout of " + BadEntryException.quoted(name) + " escapes its directory");
        }
        return name;
    }

    /** Marks a directory opaque: overlayfs then shows none of the lower layers' children. */
    static void markOpaque(Syscalls syscalls, Path dir) throws LinuxException {
        syscalls.setXattr(dir, OPAQUE_XATTR, OPAQUE_VALUE);
    }
}
