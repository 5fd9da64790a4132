package dev.minidocker.shim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (RFC 8259), so the shim needs nothing beyond the JDK. Values come back as
 * {@code Map<String, Object>} (in document order), {@code List<Object>}, {@code String},
 * {@code Boolean}, null, and numbers as {@code Long}, or {@code BigInteger}/{@code BigDecimal} when
 * a long cannot hold them (RLIM_INFINITY is 2^64-1).
 */
final class Json {
    private static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON document; throws IllegalArgumentException naming the offset of the fault. */
    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.pos != text.length()) {
            throw json.error("unexpected " + json.describe() + " after the document");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describe());
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        if (peekAfterSpace() == '}') {
            pos++;
            depth--;
            return map;
        }
        do {
            if (peekAfterSpace() != '"') {
                throw error("expected a string key but found " + describe());
            }
            String key = string();
            expect(':');
            map.put(key, value());
        } while (separator('}'));
        depth--;
        return map;
    }

    private List<Object> array() {
        enter();
        List<Object> list = new ArrayList<>();
        pos++;
        if (peekAfterSpace() == ']') {
            pos++;
            depth--;
            return list;
        }
        do {
            list.add(value());
        } while (separator(']'));
        depth--;
        return list;
    }

    /** After a member: true at ',' (more follow), false at {@code close}. */
    private boolean separator(char close) {
        char c = peekAfterSpace();
        if (c == ',' || c == close) {
            pos++;
            return c == ',';
        }
        throw error("expected ',' or '" + close + "' but found " + describe());
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            sb.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw error("short \\u escape");
                }
                try {
                    char u = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
                    pos += 4;
                    yield u;
                } catch (NumberFormatException e) {
                    throw error("bad \\u escape");
                }
            }
            default -> throw error("bad escape \\" + c);
        };
    }

    private Number number() {
        int start = pos;
        more('-');
        int whole = pos;
        digits(start);
        if (text.charAt(whole) == '0' && pos - whole > 1) {
            throw error("bad number " + text.substring(start, pos));
        }
        boolean integral = true;
        if (more('.')) {
            integral = false;
            digits(start);
        }
        if (more('e', 'E')) {
            integral = false;
            more('+', '-');
            digits(start);
        }
        String n = text.substring(start, pos);
        if (!integral) {
            return new BigDecimal(n);
        }
        BigInteger big = new BigInteger(n);
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    /** Reads one or more digits of the number that began at {@code start}. */
    private void digits(int start) {
        int first = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == first) {
            throw error("bad number " + text.substring(start, pos));
        }
    }

    private boolean more(char... options) {
        if (pos < text.length() && new String(options).indexOf(text.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describe());
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peekAfterSpace() != c) {
            throw error("expected '" + c + "' but found " + describe());
        }
        pos++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private char peekAfterSpace() {
        skipSpace();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private String describe() {
        return pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of input";
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at offset " + pos);
    }
}
