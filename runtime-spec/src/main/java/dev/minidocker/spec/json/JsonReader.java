package dev.minidocker.spec.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON document (RFC 8259, UTF-8) into plain values: objects as maps with their members
 * in document order (a repeated name keeps its last value), arrays as lists, strings, booleans,
 * null, and numbers as {@code Long}, {@code BigInteger} past a long, or {@code BigDecimal} with a
 * fraction or an exponent. A recursive descent: one method per kind of value. Anything that is
 * not JSON is a {@link JsonException} naming its line and column.
 */
final class JsonReader {
    /** Deeper documents are refused: each level is a few frames of this reader's stack. */
    static final int MAX_DEPTH = 512;
    /** Longer numbers are refused: turning digits into a BigInteger takes time by their square. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private final byte[] in;
    private int pos;
    private int depth;

    private JsonReader(byte[] in) {
        this.in = in;
    }

    static Object read(byte[] json) throws JsonException {
        JsonReader reader = new JsonReader(json);
        reader.skipWhitespace();
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos < json.length) {
            throw reader.error("text after the end of the document");
        }
        return value;
    }

    private Object value() throws JsonException {
        int c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                pos++;
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("a value expected, found " + describe(c));
        }
    }

    private Map<String, Object> object() throws JsonException {
        enter();
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            return leave(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("a member name in quotes expected, found " + describe(peek()));
            }
            pos++;
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(name, value());
            skipWhitespace();
            if (peek() == '}') {
                return leave(members);
            }
            expect(',', '}');
        }
    }

    private List<Object> array() throws JsonException {
        enter();
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            return leave(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value());
            skipWhitespace();
            if (peek() == ']') {
                return leave(items);
            }
            expect(',', ']');
        }
    }

    /** Past an opening bracket, one level deeper. */
    private void enter() throws JsonException {
        if (depth == MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        depth++;
        pos++;
    }

    /** Past a closing bracket, one level up. */
    private <T> T leave(T container) {
        depth--;
        pos++;
        return container;
    }

    /** A string's content, after its opening quote: runs of bytes decoded whole, escapes one by one. */
    private String string() throws JsonException {
        StringBuilder s = null;
        int run = pos;
        while (true) {
            int c = peek();
            if (c == '"' || c == '\\') {
                String decoded = new String(in, run, pos - run, StandardCharsets.UTF_8);
                pos++;
                if (c == '"') {
                    return s == null ? decoded : s.append(decoded).toString();
                }
                s = (s == null ? new StringBuilder() : s).append(decoded).append(escape());
                run = pos;
            } else if (c < 0) {
                throw error("the end of input in a string");
            } else if (c < 0x20) {
                throw error("a control character (" + describe(c) + ") in a string: escape it");
            } else {
                pos++;
            }
        }
    }

    /** The character an escape stands for, after its backslash. A surrogate pair is two escapes. */
    private char escape() throws JsonException {
        int c = peek();
        char escaped = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                pos++;
                yield hex4();
            }
            default -> throw error("a bad escape: " + describe(c) + " after \\");
        };
        if (c != 'u') {
            pos++;
        }
        return escaped;
    }

    private char hex4() throws JsonException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(peek(), 16);
            if (digit < 0) {
                throw error("a bad \\u escape: four hex digits expected");
            }
            value = value * 16 + digit;
            pos++;
        }
        return (char) value;
    }

    /** A number, checked against JSON's grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private Number number() throws JsonException {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (peek() == '.') {
            pos++;
            digits();
            integral = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
            integral = false;
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            pos = start;
            throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
        if (!integral) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                // BigDecimal keeps its exponent in an int: 1e9999999999 has none.
                pos = start;
                throw error("a number whose exponent is out of range");
            }
        }
        if (text.length() <= 18) {
            return Long.parseLong(text);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    private void digits() throws JsonException {
        if (peek() < '0' || peek() > '9') {
            throw error("a digit expected, found " + describe(peek()));
        }
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private Object literal(String word, Object value) throws JsonException {
        for (int i = 0; i < word.length(); i++, pos++) {
            if (peek() != word.charAt(i)) {
                throw error("a value expected, found " + describe(peek()));
            }
        }
        return value;
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) {
            throw error("'" + c + "' expected, found " + describe(peek()));
        }
        pos++;
    }

    /** A separator: ',' or the container's {@code close} (which the caller has checked for first). */
    private void expect(char c, char close) throws JsonException {
        if (peek() != c) {
            throw error("'" + c + "' or '" + close + "' expected, found " + describe(peek()));
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\n' || in[pos] == '\r' || in[pos] == '\t')) {
            pos++;
        }
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private static String describe(int c) {
        if (c < 0) {
            return "the end of input";
        }
        return c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
    }

    /** An error at the current position: line and column count from 1, the column in characters. */
    private JsonException error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < pos && i < in.length; i++) {
            if (in[i] == '\n') {
                line++;
                column = 1;
            } else if ((in[i] & 0xc0) != 0x80) {
                // A UTF-8 continuation byte is part of the character before it.
                column++;
            }
        }
        return new JsonException("malformed JSON at line " + line + ", column " + column + ": " + what);
    }
}
