package dev.minidocker.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 8259's grammar, values as plain Java ones, and errors that say where. */
class JsonReaderTest {
    private static Object parse(String json) throws JsonException {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String fault(String json) {
        return assertThrows(JsonException.class, () -> parse(json), json).getMessage();
    }

    @Test
    void readsEveryKindOfValueWithObjectsInDocumentOrder() throws JsonException {
        Object value = parse(" {\"b\" : [1,-2.5e3, true,false ,null,{},[]],\n\t\"a\":\"x\", \"b2\": {\"c\": false}}\r\n ");
        assertEquals(Map.of("b", Arrays.asList(1L, new BigDecimal("-2.5e3"), true, false, null, Map.of(), List.of()),
                "a", "x", "b2", Map.of("c", false)), value);
        assertEquals(List.of("b", "a", "b2"), List.copyOf(((Map<?, ?>) value).keySet()));
        assertEquals("top", parse("\"top\""));
        assertNull(parse("null"));
    }

    @Test
    void aRepeatedMemberKeepsItsLastValue() throws JsonException {
        assertEquals(Map.of("a", 2L), parse("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void decodesEscapesSurrogatePairsAndUtf8() throws JsonException {
        assertEquals("a\"b\\c/d\b\f\n\r\té😀é😀\u007f",
                parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00é😀\u007f\""));
    }

    @Test
    void numbersAreLongsUnlessTheyNeedMore() throws JsonException {
        assertEquals(List.of(0L, 0L, -42L, Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("18446744073709551615"),
                new BigDecimal("1.5"), new BigDecimal("1E+2"), new BigDecimal("-0.0e-1")),
                parse("[0, -0, -42, 9223372036854775807, -9223372036854775808, 18446744073709551615, 1.5, 1E+2, -0.0e-1]"));
        assertEquals("malformed JSON at line 1, column 1: a number longer than 1000 characters",
                fault("1".repeat(1001)));
        assertEquals(new BigInteger("1".repeat(1000)), parse("1".repeat(1000)));
        // Found by the fuzz targets of the OCI documents and of seccomp profiles: a NumberFormatException escaped.
        assertEquals("malformed JSON at line 1, column 2: a number whose exponent is out of range",
                fault("[1E5555555555, 1]"));
        assertEquals(new BigDecimal("1e-2147483647"), parse("1e-2147483647"));
    }

    @Test
    void refusesWhatIsNotJsonSayingWhere() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"a\": 1} x", "line 1, column 10: text after the end of the document");
        cases.put("{} {}", "line 1, column 4: text after the end of the document");
        cases.put("\"a\u0001b\"", "line 1, column 3: a control character (byte 0x01) in a string: escape it");
        cases.put("\"a\\qb\"", "line 1, column 4: a bad escape: 'q' after \\");
        cases.put("\"\\u12g4\"", "line 1, column 6: a bad \\u escape: four hex digits expected");
        cases.put("\"abc", "line 1, column 5: the end of input in a string");
        cases.put("[01]", "line 1, column 3: ',' or ']' expected, found '1'");
        cases.put("[1 2]", "line 1, column 4: ',' or ']' expected, found '2'");
        cases.put("{\"a\": 1 \"b\": 2}", "line 1, column 9: ',' or '}' expected, found '\"'");
        cases.put("{\"a\" 1}", "line 1, column 6: ':' expected, found '1'");
        cases.put("{a: 1}", "line 1, column 2: a member name in quotes expected, found 'a'");
        cases.put("{\"a\": 1,}", "line 1, column 9: a member name in quotes expected, found '}'");
        cases.put("[1,]", "line 1, column 4: a value expected, found ']'");
        cases.put("[-]", "line 1, column 3: a digit expected, found ']'");
        cases.put("[1.]", "line 1, column 4: a digit expected, found ']'");
        cases.put("[1e]", "line 1, column 4: a digit expected, found ']'");
        cases.put("{\n  \"é😀\": tru\n}", "line 2, column 12: a value expected, found byte 0x0A");
        cases.put("[", "line 1, column 2: a value expected, found the end of input");
        cases.put("", "line 1, column 1: a value expected, found the end of input");
        cases.put("\u00a0", "line 1, column 1: a value expected, found byte 0xC2");
        cases.forEach((json, message) -> assertEquals("malformed JSON at " + message, fault(json), json));
    }

    @Test
    void nestingIsCapped() throws JsonException {
        int cap = JsonReader.MAX_DEPTH;
        Object deepest = parse("[".repeat(cap) + "]".repeat(cap));
        for (int i = 1; i < cap; i++) {
            deepest = ((List<?>) deepest).getFirst();
        }
        assertEquals(List.of(), deepest);
        assertEquals("malformed JSON at line 1, column 513: nested deeper than 512",
                fault("[".repeat(cap) + "{\"a\": 1}" + "]".repeat(cap)));
    }
}
