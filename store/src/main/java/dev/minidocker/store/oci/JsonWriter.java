package dev.minidocker.store.oci;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON text laid out as Jackson's default pretty printer lays it out, byte for byte, so that the
 * files {@link RecordJson} writes are those data binding wrote: objects one member a line, indented
 * by two spaces, {@code "name" : value}; arrays on one line, {@code [ a, b ]}; empty ones
 * {@code { }} and {@code [ ]}; strings in UTF-8 with Jackson's escapes. The caller keeps the
 * structure right (a name before each member's value); this only counts what it needs to lay out.
 */
final class JsonWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    /** Per open container, innermost last: whether it is an object, and how many members it has so far. */
    private final boolean[] object = new boolean[1000];
    private final int[] members = new int[1000];
    private int depth;
    /** Objects open: the indentation level (arrays do not indent). */
    private int objects;
    private boolean afterName;

    byte[] bytes() {
        return out.toByteArray();
    }

    void startObject() {
        beforeValue();
        out.write('{');
        open(true);
    }

    void endObject() {
        depth--;
        objects--;
        if (members[depth] > 0) {
            newLine();
        } else {
            out.write(' ');
        }
        out.write('}');
    }

    void startArray() {
        beforeValue();
        out.write('[');
        open(false);
    }

    void endArray() {
        depth--;
        out.write(' ');
        out.write(']');
    }

    void name(String name) {
        if (members[depth - 1]++ > 0) {
            out.write(',');
        }
        newLine();
        quoted(name);
        out.writeBytes(" : ".getBytes(StandardCharsets.US_ASCII));
        afterName = true;
    }

    void string(String value) {
        beforeValue();
        quoted(value);
    }

    /** A number, true, false or null: text written as it is. */
    void raw(String text) {
        beforeValue();
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void open(boolean isObject) {
        object[depth] = isObject;
        members[depth++] = 0;
        if (isObject) {
            objects++;
        }
    }

    /** In an array, the separator before each value; a member's value follows its name directly. */
    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else if (depth > 0 && !object[depth - 1]) {
            out.write(members[depth - 1]++ > 0 ? ',' : ' ');
            if (members[depth - 1] > 1) {
                out.write(' ');
            }
        }
    }

    private void newLine() {
        out.write('\n');
        for (int i = 0; i < objects; i++) {
            out.write(' ');
            out.write(' ');
        }
    }

    /**
     * A string in quotes: '"' and '\' escaped, control characters as \b \t \n \f \r or \\u00XX,
     * and, as Jackson 2.18 on writes them, each half of a surrogate pair (a character beyond
     * U+FFFF) as \\uXXXX.
     */
    private void quoted(String s) {
        out.write('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            out.writeBytes(s.substring(run, i).getBytes(StandardCharsets.UTF_8));
            run = i + 1;
            out.write('\\');
            switch (c) {
                case '"', '\\' -> out.write(c);
                case '\b' -> out.write('b');
                case '\t' -> out.write('t');
                case '\n' -> out.write('n');
                case '\f' -> out.write('f');
                case '\r' -> out.write('r');
                default -> {
                    out.write('u');
                    for (int shift = 12; shift >= 0; shift -= 4) {
                        out.write(HEX[(c >> shift) & 0xf]);
                    }
                }
            }
        }
        out.writeBytes(s.substring(run).getBytes(StandardCharsets.UTF_8));
        out.write('"');
    }
}
