package dev.minidocker.store.layer;

import java.io.IOException;

/**
 * A layer entry the unpacker refuses: one that would reach outside the layer, or that no layer
 * should hold. The unpacker names the entry when it turns this into a {@code StoreException}.
 */
final class BadEntryException extends IOException {
    BadEntryException(String detail) {
        super(detail);
    }

    /** A name in double quotes, control characters escaped: names come from the layer, not from us. */
    static String quoted(String name) {
        StringBuilder b = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
