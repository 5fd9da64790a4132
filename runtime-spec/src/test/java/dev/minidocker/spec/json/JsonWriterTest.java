package dev.minidocker.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jackson's pretty layout and escapes, byte for byte (json/any.json was written by Jackson 2.21), and the inclusion rules. */
class JsonWriterTest {
    private static String write(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    static byte[] canned(String name) throws IOException {
        try (InputStream in = JsonWriterTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, Object> anyValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ slash / controls \u0000\u0001\b\t\n\f\r\u001f\u007f é 😀");
        value.put("numbers", List.of(0L, -1L, Long.MAX_VALUE, 1.5, new BigInteger("123456789012345678901")));
        value.put("flags", List.of(true, false));
        value.put("nothing", null);
        value.put("empties", List.of(Map.of(), List.of(), ""));
        value.put("nested", Map.of("list", List.of(Map.of("a", List.of(Map.of("b", 1L))), List.of(List.of()))));
        return value;
    }

    @Test
    void laysOutAndEscapesAsJacksonsPrettyPrinter() throws IOException {
        assertEquals(new String(canned("json/any.json"), StandardCharsets.UTF_8), write(anyValue()));
    }

    @Test
    void readsBackWhatItWrites() throws JsonException {
        Map<String, Object> value = anyValue();
        value.put("numbers", List.of(0L, -1L, Long.MAX_VALUE, new BigInteger("123456789012345678901")));
        assertEquals(value, Json.parse(Json.write(value)));
    }

    @Test
    void aLineHasNoWhiteSpaceBetweenTokensAndReadsBackTheSame() throws JsonException {
        Map<String, Object> value = anyValue();
        value.put("numbers", List.of(0L, -1L, Long.MAX_VALUE, new BigInteger("123456789012345678901")));
        String line = new String(Json.writeLine(value), StandardCharsets.UTF_8);
        assertEquals(1, line.lines().count(), line);
        assertEquals(value, Json.parse(Json.writeLine(value)));
        assertEquals("{\"a\":[1,{\"b\":\"c d\"}],\"e\":{},\"f\":[]}",
                new String(Json.writeLine(new JsonMembers().add("a", List.of(1L, Map.of("b", "c d")))
                        .add("e", Map.of()).add("f", List.of())), StandardCharsets.UTF_8));
    }

    @Test
    void membersSayWhetherAnEmptyValueIsWritten() {
        JsonMembers members = new JsonMembers().add("null", null).addNonNull("skipped", null)
                .addNonNull("emptyList", List.of()).addNonEmpty("skipped2", List.of())
                .addNonEmpty("skipped3", "").addNonEmpty("skipped4", Map.of()).addNonEmpty("kept", List.of("x"))
                .add("false", false).addUnsigned("max", -1).addUnsigned("one", 1);
        assertEquals("""
                {
                  "null" : null,
                  "emptyList" : [ ],
                  "kept" : [ "x" ],
                  "false" : false,
                  "max" : 18446744073709551615,
                  "one" : 1
                }""", write(members));
    }

    @Test
    void writesWhatAValueSaysItIs() {
        JsonWritable digest = () -> "sha256:00";
        assertEquals("[ \"sha256:00\", {\n  \"d\" : \"sha256:00\"\n} ]",
                write(List.of(digest, new JsonMembers().add("d", digest))));
    }

    @Test
    void refusesWhatIsNotAJsonValue() {
        assertEquals("cannot write a java.lang.Object as JSON",
                assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object()))).getMessage());
    }
}
