package dev.minidocker.launcher.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON this package reads and writes (network records, conflists, CNI results) as plain values:
 * objects are {@code Map<String, Object>} in their order, arrays {@code List<Object>}, numbers
 * {@code Long} or {@code Double}, and strings, booleans and null as themselves. JDK only, so it moves
 * to the project's one JSON module as it is.
 */
final class Json {
    private static final int MAX_DEPTH = 64;
    private final String text;
    private int at;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /** The value {@code text} holds, or IllegalArgumentException naming where it stops making sense. */
    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.at != text.length()) {
            throw json.error("text after the value");
        }
        return value;
    }

    /** The object {@code text} holds. */
    static Map<String, Object> parseObject(String text) {
        if (parse(text) instanceof Map<?, ?> map) {
            return object(map);
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    /** {@code value} written out, two spaces an indent when {@code pretty}, as people read these files. */
    static String write(Object value, boolean pretty) {
        StringBuilder out = new StringBuilder();
        write(out, value, pretty ? "\n" : null);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    /** The string at {@code key}, or {@code otherwise} when it is absent or not a string. */
    static String text(Map<String, Object> object, String key, String otherwise) {
        return object.get(key) instanceof String s ? s : otherwise;
    }

    private static void write(StringBuilder out, Object value, String newline) {
        String inner = newline == null ? null : newline + "  ";
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(out, s);
            case Boolean b -> out.append(b);
            case Number n -> out.append(n);
            case Map<?, ?> map -> {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(separator).append(inner == null ? "" : inner);
                    quote(out, (String) e.getKey());
                    out.append(inner == null ? ":" : ": ");
                    write(out, e.getValue(), inner);
                    separator = ",";
                }
                out.append(map.isEmpty() || newline == null ? "" : newline).append('}');
            }
            case List<?> list -> {
                out.append('[');
                String separator = "";
                for (Object item : list) {
                    out.append(separator).append(inner == null ? "" : inner);
                    write(out, item, inner);
                    separator = ",";
                }
                out.append(list.isEmpty() || newline == null ? "" : newline).append(']');
            }
            default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getSimpleName());
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("end of text where a value was expected");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> nested(this::members);
            case '[' -> nested(this::items);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || Character.isDigit(c)) {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Object nested(java.util.function.Supplier<Object> body) {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        at++;
        Object value = body.get();
        depth--;
        return value;
    }

    private Object members() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (closes('}')) {
            return map;
        }
        do {
            skipSpace();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error("a member name expected");
            }
            String key = string();
            expect(':');
            map.put(key, value());
        } while (nextOrClose('}'));
        return map;
    }

    private Object items() {
        List<Object> list = new ArrayList<>();
        if (closes(']')) {
            return list;
        }
        do {
            list.add(value());
        } while (nextOrClose(']'));
        return list;
    }

    private boolean closes(char close) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == close) {
            at++;
            return true;
        }
        return false;
    }

    /** After a member or item: true at a comma, false at {@code close}. */
    private boolean nextOrClose(char close) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == ',') {
            at++;
            return true;
        }
        expect(close);
        return false;
    }

    private String string() {
        StringBuilder s = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return s.toString();
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char e = text.charAt(at++);
            switch (e) {
                case 'n' -> s.append('\n');
                case 't' -> s.append('\t');
                case 'r' -> s.append('\r');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("a short \\u escape");
                    }
                    s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                case '"', '\\', '/' -> s.append(e);
                default -> throw error("unknown escape \\" + e);
            }
        }
        throw error("unterminated string");
    }

    private Number number() {
        int start = at;
        while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String digits = text.substring(start, at);
        try {
            if (digits.matches("-?\\d+")) {
                return Long.parseLong(digits);
            }
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw error("bad number " + digits);
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected '" + text.charAt(at) + "'");
        }
        at += word.length();
        return value;
    }

    private void expect(char c) {
        skipSpace();
        if (at >= text.length() || text.charAt(at) != c) {
            throw error("'" + c + "' expected");
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at offset " + at);
    }
}
