package dev.minidocker.spec.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Values as JSON text, laid out as Jackson's default pretty printer lays it out, so that the files
 * minidocker has always written (by Jackson's data binding at first) stay byte for byte the same:
 * objects one member a line, indented by two spaces per enclosing object, {@code "name" : value};
 * arrays on one line, {@code [ a, b ]}; empty ones {@code { }} and {@code [ ]}; strings in UTF-8
 * with Jackson's escapes. Or, for a line of its own (a CNI plugin's stdin), no white space at all.
 */
final class JsonWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAME_SEPARATOR = " : ".getBytes(StandardCharsets.US_ASCII);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private final boolean pretty;

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    static byte[] write(Object value, boolean pretty) {
        JsonWriter writer = new JsonWriter(pretty);
        writer.value(value, 0);
        return writer.out.toByteArray();
    }

    /**
     * One value, {@code objects} objects deep. Tests in turn, not a pattern switch: a type switch
     * is bootstrapped at run time (its class spun through the ClassFile API), which no AOT cache keeps.
     */
    private void value(Object value, int objects) {
        if (value == null) {
            raw("null");
        } else if (value instanceof String s) {
            quoted(s);
        } else if (value instanceof Boolean || value instanceof Number) {
            raw(value.toString());
        } else if (value instanceof JsonWritable w) {
            value(w.toJson(), objects);
        } else if (value instanceof Map<?, ?> m) {
            object(m, objects);
        } else if (value instanceof Collection<?> c) {
            array(c, objects);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private void object(Map<?, ?> members, int objects) {
        out.write('{');
        if (members.isEmpty() && pretty) {
            out.write(' ');
        }
        boolean first = true;
        for (Map.Entry<?, ?> member : members.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            newLine(objects + 1);
            quoted(String.valueOf(member.getKey()));
            if (pretty) {
                out.writeBytes(NAME_SEPARATOR);
            } else {
                out.write(':');
            }
            value(member.getValue(), objects + 1);
        }
        if (!members.isEmpty()) {
            newLine(objects);
        }
        out.write('}');
    }

    private void array(Collection<?> items, int objects) {
        out.write('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.write(',');
            }
            if (pretty) {
                out.write(' ');
            }
            first = false;
            value(item, objects);
        }
        if (pretty) {
            out.write(' ');
        }
        out.write(']');
    }

    private void newLine(int indent) {
        if (!pretty) {
            return;
        }
        out.write('\n');
        for (int i = 0; i < indent; i++) {
            out.write(' ');
            out.write(' ');
        }
    }

    private void raw(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
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
