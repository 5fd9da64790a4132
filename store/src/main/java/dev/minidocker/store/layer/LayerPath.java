package dev.minidocker.store.layer;

/**
 * A path inside the layer: relative, with no empty, "." or ".." component; "" is the layer root.
 * Only {@link #parse} makes one from a tar name, so holding a LayerPath means the name was checked.
 */
record LayerPath(String relative) {
    static final LayerPath ROOT = new LayerPath("");

    /**
     * Normalises a tar name ("./usr//lib/" becomes "usr/lib"). Refuses what could name a place
     * outside the layer, or nothing the kernel accepts; {@code what} says which name it is.
     */
    static LayerPath parse(String name, String what) throws BadEntryException {
        if (name.indexOf('\0') >= 0) {
            throw new BadEntryException(what + " contains a NUL byte");
        }
        if (name.startsWith("/")) {
            throw new BadEntryException(what + " is absolute");
        }
        StringBuilder clean = new StringBuilder(name.length());
        for (int start = 0; start <= name.length(); ) {
            int slash = name.indexOf('/', start);
            int end = slash < 0 ? name.length() : slash;
            int length = end - start;
            if (length == 2 && name.startsWith("..", start)) {
                throw new BadEntryException(what + " escapes the layer");
            }
            if (length > 1 || length == 1 && name.charAt(start) != '.') {
                if (!clean.isEmpty()) {
                    clean.append('/');
                }
                clean.append(name, start, end);
            }
            start = end + 1;
        }
        return new LayerPath(clean.toString());
    }

    boolean isRoot() {
        return relative.isEmpty();
    }

    /** The directory holding this path; the root for a top-level name. */
    LayerPath parent() {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? ROOT : new LayerPath(relative.substring(0, slash));
    }

    /** The last component. */
    String name() {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    /** {@code name} in this directory; the caller vouches that it is one plain component. */
    LayerPath child(String name) {
        return new LayerPath(isRoot() ? name : relative + "/" + name);
    }

    /** True when {@code other} is this path or lies below it. */
    boolean contains(LayerPath other) {
        return isRoot() || other.relative.startsWith(relative)
                && (other.relative.length() == relative.length() || other.relative.charAt(relative.length()) == '/');
    }

    @Override
    public String toString() {
        return relative;
    }
}
