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
        return '"' + escaped(name, true) + '"';
    }

    /**
     * Text that holds names from the layer, its control characters escaped ({@code \x0a}), so that
     * what a layer names can neither break an error into lines nor drive the terminal it is shown on.
     */
    static String escaped(String text) {
        return escaped(text, false);
    }

    private static String escaped(String text, boolean inQuotes) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                if (inQuotes && (c == '"' || c == '\\')) {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.toString();
    }
}
