package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void objectsKeepTheirOrderAndNest() {
        Object value = Json.parse(" {\"b\": [1, true, null, {\"c\": false}], \"a\": {}, \"e\": []} ");
        assertEquals(Map.of("b", Arrays.asList(1L, true, null, Map.of("c", false)), "a", Map.of(), "e", List.of()),
                value);
        assertEquals(List.of("b", "a", "e"), List.copyOf(((Map<?, ?>) value).keySet()));
    }

    @Test
    void stringEscapesIncludingSurrogatePairs() {
        assertEquals("a\"b\\c/d\b\f\n\r\té😀",
                Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""));
    }

    @Test
    void numbers() {
        assertEquals(0L, Json.parse("0"));
        assertEquals(-42L, Json.parse("-42"));
        assertEquals(new BigInteger("18446744073709551615"), Json.parse("18446744073709551615"));
        assertEquals(-1L, ((Number) Json.parse("18446744073709551615")).longValue(), "RLIM_INFINITY wraps to -1");
        assertEquals(new BigDecimal("1.5e3"), Json.parse("1.5e3"));
        assertNull(Json.parse("null"));
    }

    @Test
    void faultsNameTheirOffset() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"a\": 1,}", "expected a string key but found '}' at offset 8");
        cases.put("[1 2]", "expected ',' or ']' but found '2' at offset 3");
        cases.put("{\"a\" 1}", "expected ':' but found '1' at offset 5");
        cases.put("\"abc", "unterminated string at offset 4");
        cases.put("01", "bad number 01 at offset 2");
        cases.put("1.", "bad number 1. at offset 2");
        cases.put("-", "bad number - at offset 1");
        cases.put("tru", "unexpected 't' at offset 0");
        cases.put("{} x", "unexpected 'x' after the document at offset 3");
        cases.put("\"\\x\"", "bad escape \\x at offset 3");
        cases.put("", "unexpected end of input at offset 0");
        cases.forEach((text, message) -> assertEquals(message,
                assertThrows(IllegalArgumentException.class, () -> Json.parse(text)).getMessage(), text));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(600) + "]".repeat(600);
        assertEquals("nested deeper than 512 at offset 512",
                assertThrows(IllegalArgumentException.class, () -> Json.parse(deep)).getMessage());
    }
}
