package dev.minidocker.store.oci;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A pull parser over one JSON document (RFC 8259) in UTF-8, the reading half of {@link RecordJson}:
 * the JDK alone, since jackson-core's parser initialises {@code BigDecimal} on first use (15 ms of
 * a run, interpreted). Tokens are named as Jackson names them, so messages read the same. Anything
 * that is not JSON (a control character in a string, a bad escape, trailing text) is an
 * IOException naming where it is.
 */
final class JsonTokens {
    /** What the parser is on. */
    enum Token {
        START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME,
        VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL
    }

    private static final int MAX_DEPTH = 1000;
    private final byte[] in;
    private int pos;
    private Token token;
    private String text;
    private String name;
    /** What is open, innermost last: '{' or '['; and whether the next member of each is its first. */
    private final byte[] open = new byte[MAX_DEPTH];
    private final boolean[] first = new boolean[MAX_DEPTH];
    private int depth;
    /** In an object: a name was read, its value comes next. */
    private boolean afterName;
    private boolean done;

    JsonTokens(byte[] json) {
        this.in = json;
    }

    Token token() {
        return token;
    }

    /** The next token, or null at the end of the document. */
    Token next() throws IOException {
        if (done) {
            skipWhitespace();
            if (pos < in.length) {
                throw error("text after the end of the JSON document");
            }
            return token = null;
        }
        skipWhitespace();
        if (depth == 0 && pos == in.length) {
            // No document at all: the caller says what it expected.
            return token = null;
        }
        if (depth > 0 && !afterName) {
            byte closing = open[depth - 1] == '{' ? (byte) '}' : (byte) ']';
            if (peek() == closing) {
                pos++;
                depth--;
                return ended(closing == '}' ? Token.END_OBJECT : Token.END_ARRAY);
            }
            if (!first[depth - 1]) {
                expect(',');
                skipWhitespace();
            }
            first[depth - 1] = false;
            if (open[depth - 1] == '{') {
                if (peek() != '"') {
                    throw error("a member name in quotes expected");
                }
                pos++;
                name = string();
                skipWhitespace();
                expect(':');
                afterName = true;
                return token = Token.FIELD_NAME;
            }
        }
        afterName = false;
        return value();
    }

    private Token value() throws IOException {
        int c = peek();
        switch (c) {
            case '{', '[' -> {
                if (depth == MAX_DEPTH) {
                    throw error("nested deeper than " + MAX_DEPTH);
                }
                pos++;
                open[depth] = (byte) c;
                first[depth++] = true;
                return token = c == '{' ? Token.START_OBJECT : Token.START_ARRAY;
            }
            case '"' -> {
                pos++;
                text = string();
                return ended(Token.VALUE_STRING);
            }
            case 't' -> {
                literal("true");
                return ended(Token.VALUE_TRUE);
            }
            case 'f' -> {
                literal("false");
                return ended(Token.VALUE_FALSE);
            }
            case 'n' -> {
                literal("null");
                return ended(Token.VALUE_NULL);
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return ended(scanNumber());
                }
                throw error(c < 0 ? "unexpected end of input" : "unexpected character '" + (char) c + "'");
            }
        }
    }

    /** A value or a container ended: at depth 0 the document did. */
    private Token ended(Token t) {
        done = depth == 0;
        return token = t;
    }

    /** The member name of the current FIELD_NAME, or of the value after it. */
    String name() {
        return name;
    }

    /** The current string, or the text of the current number. */
    String text() {
        return text;
    }

    int intValue() throws IOException {
        long value = longValue();
        if (value != (int) value) {
            throw error("numeric value (" + text + ") out of range of int");
        }
        return (int) value;
    }

    long longValue() throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("numeric value (" + text + ") out of range of long");
        }
    }

    /** The current number as Jackson gives it: Integer, Long or BigInteger, or Double for a fraction. */
    Number number() {
        if (token == Token.VALUE_NUMBER_FLOAT) {
            return Double.parseDouble(text);
        }
        if (text.length() <= 18) {
            long value = Long.parseLong(text);
            return value == (int) value ? (Number) (int) value : (Number) value;
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    /** From a START_OBJECT or START_ARRAY, moves to its matching end; on any other token, stays. */
    void skipChildren() throws IOException {
        if (token != Token.START_OBJECT && token != Token.START_ARRAY) {
            return;
        }
        int level = depth;
        while (depth >= level) {
            if (next() == null) {
                throw error("unexpected end of input");
            }
        }
    }

    /** Where the parser is, as Jackson says it: line and column (1-based, in bytes) after the current token. */
    String where() {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos && i < in.length; i++) {
            if (in[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line: " + line + ", column: " + (pos - lineStart + 1);
    }

    private IOException error(String what) {
        return new IOException("malformed JSON: " + what + " at " + where());
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private void expect(char c) throws IOException {
        if (peek() != c) {
            throw error("'" + c + "' expected");
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\n' || in[pos] == '\r' || in[pos] == '\t')) {
            pos++;
        }
    }

    private void literal(String word) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            if (peek() != word.charAt(i)) {
                throw error("unexpected character" + (peek() < 0 ? "s: end of input" : " '" + (char) peek() + "'"));
            }
            pos++;
        }
    }

    /** A string's content, after its opening quote: runs of bytes decoded whole, escapes one by one. */
    private String string() throws IOException {
        StringBuilder s = null;
        int run = pos;
        while (true) {
            int c = peek();
            if (c < 0) {
                throw error("unexpected end of input in a string");
            }
            if (c < 0x20) {
                throw error("control character " + c + " in a string");
            }
            if (c == '"' || c == '\\') {
                String decoded = new String(in, run, pos - run, StandardCharsets.UTF_8);
                pos++;
                if (c == '"') {
                    return s == null ? decoded : s.append(decoded).toString();
                }
                s = (s == null ? new StringBuilder() : s).append(decoded).append(escape());
                run = pos;
            } else {
                pos++;
            }
        }
    }

    /** The character an escape stands for, after its backslash. */
    private char escape() throws IOException {
        int c = peek();
        if (c == 'u') {
            pos++;
            return unicodeEscape();
        }
        char escaped = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> throw error("bad escape");
        };
        pos++;
        return escaped;
    }

    /** The four hex digits of a \\uXXXX escape: one UTF-16 unit (a pair of them makes a surrogate pair). */
    private char unicodeEscape() throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(peek(), 16);
            if (digit < 0) {
                throw error("bad \\u escape");
            }
            value = value * 16 + digit;
            pos++;
        }
        return (char) value;
    }

    /** A number, checked against JSON's grammar; its text kept for the typed getters. */
    private Token scanNumber() throws IOException {
        int start = pos;
        boolean fraction = false;
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
            fraction = true;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
            fraction = true;
        }
        text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
        return fraction ? Token.VALUE_NUMBER_FLOAT : Token.VALUE_NUMBER_INT;
    }

    private void digits() throws IOException {
        if (peek() < '0' || peek() > '9') {
            throw error("digit expected");
        }
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }
}
