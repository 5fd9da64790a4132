package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.store.oci.JsonTokens.Token;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK-only pull parser: RFC 8259's grammar, Jackson's token names and number types, errors that say where. */
class JsonTokensTest {
    private static JsonTokens tokens(String json) {
        return new JsonTokens(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> all(String json) throws IOException {
        JsonTokens p = tokens(json);
        List<String> seen = new ArrayList<>();
        for (Token t = p.next(); t != null; t = p.next()) {
            seen.add(switch (t) {
                case FIELD_NAME -> "name " + p.name();
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> t + " " + p.text();
                default -> t.toString();
            });
        }
        return seen;
    }

    @Test
    void readsEveryKindOfToken() throws IOException {
        assertEquals(List.of("START_OBJECT", "name a", "START_ARRAY", "VALUE_NUMBER_INT 1", "VALUE_NUMBER_FLOAT -2.5e3",
                "VALUE_TRUE", "VALUE_FALSE", "VALUE_NULL", "START_OBJECT", "END_OBJECT", "START_ARRAY", "END_ARRAY",
                "END_ARRAY", "name b", "VALUE_STRING x", "END_OBJECT"),
                all(" {\"a\" : [1,-2.5e3, true,false ,null,{},[]],\n\t\"b\":\"x\"}\r\n "));
        assertEquals(List.of("VALUE_STRING top"), all("\"top\""));
        assertEquals(List.of("VALUE_NUMBER_INT 0"), all("0"));
    }

    @Test
    void decodesEscapesAndUtf8() throws IOException {
        JsonTokens p = tokens("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00é😀\"");
        p.next();
        assertEquals("a\"b\\c/d\b\f\n\r\té😀é😀", p.text());
    }

    @Test
    void givesNumbersAsJacksonDoes() throws IOException {
        List<Object> numbers = new ArrayList<>();
        JsonTokens p = tokens("[1, -2147483649, 9223372036854775807, 9223372036854775808, 1.5, 1E2]");
        for (p.next(); p.next() != Token.END_ARRAY; ) {
            numbers.add(p.number());
        }
        assertEquals(List.of(1, -2147483649L, Long.MAX_VALUE, new BigInteger("9223372036854775808"), 1.5, 100.0),
                numbers);
        JsonTokens big = tokens("2147483648");
        big.next();
        assertEquals(2147483648L, big.longValue());
        assertEquals("malformed JSON: numeric value (2147483648) out of range of int at line: 1, column: 11",
                assertThrows(IOException.class, big::intValue).getMessage());
    }

    @Test
    void skipsAWholeValue() throws IOException {
        JsonTokens p = tokens("{\"skip\": {\"a\": [1, {\"b\": []}]}, \"keep\": 2}");
        p.next();
        p.next();
        p.next();
        p.skipChildren();
        assertEquals(Token.END_OBJECT, p.token());
        assertEquals(Token.FIELD_NAME, p.next());
        assertEquals("keep", p.name());
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String[] bad : new String[][] {
                {"{\"a\": 1} x", "text after the end of the JSON document at line: 1, column: 10"},
                {"\"a\u0001b\"", "control character 1 in a string at line: 1, column: 3"},
                {"\"a\\qb\"", "bad escape at line: 1, column: 4"},
                {"\"\\u12g4\"", "bad \\u escape at line: 1, column: 6"},
                {"\"abc", "unexpected end of input in a string at line: 1, column: 5"},
                {"[01]", "',' expected at line: 1, column: 3"},
                {"[1 2]", "',' expected at line: 1, column: 4"},
                {"{\"a\" 1}", "':' expected at line: 1, column: 6"},
                {"{a: 1}", "a member name in quotes expected at line: 1, column: 2"},
                {"[1,]", "unexpected character ']' at line: 1, column: 4"},
                {"[-]", "digit expected at line: 1, column: 3"},
                {"[1.]", "digit expected at line: 1, column: 4"},
                {"\n[tru]", "unexpected character ']' at line: 2, column: 5"},
                {"[", "unexpected end of input at line: 1, column: 2"},
                {"[".repeat(1001), "nested deeper than 1000 at line: 1, column: 1001"}}) {
            IOException e = assertThrows(IOException.class, () -> all(bad[0]), bad[0]);
            assertEquals("malformed JSON: " + bad[1], e.getMessage(), bad[0]);
        }
    }

    @Test
    void endsWithNull() throws IOException {
        JsonTokens p = tokens("  ");
        assertNull(p.next());
    }
}
