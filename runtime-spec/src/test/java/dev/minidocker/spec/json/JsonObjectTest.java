package dev.minidocker.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed reads: absent members are empty, unknown ones ignored, wrong ones named by their path. */
class JsonObjectTest {
    private static JsonObject object(String json) throws JsonException {
        return JsonObject.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String fault(String json, FromJson<?> reader) {
        return assertThrows(JsonException.class, () -> JsonObject.read(json.getBytes(StandardCharsets.UTF_8), reader),
                json).getMessage();
    }

    record Pair(String name, int count) {
        static Pair fromJson(JsonObject json) throws JsonException {
            return new Pair(json.string("name"), json.integer("count"));
        }
    }

    @Test
    void readsTypedMembers() throws JsonException {
        JsonObject o = object("""
                {"s": "x", "b": true, "i": -7, "l": 9223372036854775807, "u": 18446744073709551615,
                 "o": {"name": "a", "count": 2}, "os": [{"name": "b"}], "ss": ["x", "y"], "is": [1, 2],
                 "m": {"k": "v"}, "any": {"x": [1, {}]}, "unknown": {"deep": [null]}}""");
        assertEquals("x", o.string("s"));
        assertTrue(o.bool("b"));
        assertEquals(-7, o.integer("i"));
        assertEquals(Long.MAX_VALUE, o.number("l"));
        assertEquals(-1, o.unsigned("u"), "2^64-1 in a long's bits");
        assertEquals(new Pair("a", 2), o.object("o", Pair::fromJson));
        assertEquals(List.of(new Pair("b", 0)), o.objects("os", Pair::fromJson));
        assertEquals(List.of("x", "y"), o.strings("ss"));
        assertEquals(List.of("X", "Y"), o.strings("ss", s -> s.toUpperCase()));
        assertEquals(List.of(1, 2), o.integers("is"));
        assertEquals(Map.of("k", "v"), o.stringMap("m"));
        assertEquals(Map.of("x", List.of(1L, Map.of())), o.map("any"));
        assertEquals(Map.of("name", "a", "count", 2L), o.map("o"));
    }

    @Test
    void absentAndNullMembersAreEmpty() throws JsonException {
        JsonObject o = object("{\"n\": null}");
        for (String name : List.of("n", "absent")) {
            assertFalse(o.has(name));
            assertNull(o.string(name));
            assertNull(o.string(name, s -> s));
            assertFalse(o.bool(name));
            assertEquals(0, o.integer(name));
            assertEquals(0, o.number(name));
            assertNull(o.optionalNumber(name));
            assertEquals(0, o.unsigned(name));
            assertNull(o.object(name, Pair::fromJson));
            assertNull(o.objects(name, Pair::fromJson));
            assertNull(o.strings(name));
            assertNull(o.integers(name));
            assertNull(o.stringMap(name));
            assertNull(o.map(name));
        }
    }

    @Test
    void readsEveryMemberAsAnObject() throws JsonException {
        assertEquals(Map.of("x", new Pair("a", 1), "y", new Pair(null, 0)),
                object("{\"x\": {\"name\": \"a\", \"count\": 1}, \"y\": {}}").members(Pair::fromJson));
        assertEquals("y is not an object", fault("{\"x\": {}, \"y\": 1}", j -> j.members(Pair::fromJson)));
    }

    @Test
    void aMemberOfTheWrongKindIsNamedByItsPath() {
        assertEquals("o.name is not a string", fault("{\"o\": {\"name\": 1}}", j -> j.object("o", Pair::fromJson)));
        assertEquals("os[1].count is not a number",
                fault("{\"os\": [{}, {\"count\": \"2\"}]}", j -> j.objects("os", Pair::fromJson)));
        assertEquals("os[0] is not an object", fault("{\"os\": [1]}", j -> j.objects("os", Pair::fromJson)));
        assertEquals("os is not an array", fault("{\"os\": {}}", j -> j.objects("os", Pair::fromJson)));
        assertEquals("ss[1] is not a string", fault("{\"ss\": [\"a\", 2]}", j -> j.strings("ss")));
        assertEquals("is[0] is not a number", fault("{\"is\": [true]}", j -> j.integers("is")));
        assertEquals("m.k is not a string", fault("{\"m\": {\"k\": []}}", j -> j.stringMap("m")));
        assertEquals("b is not true or false", fault("{\"b\": \"true\"}", j -> j.bool("b")));
        assertEquals("o.d is missing",
                fault("{\"o\": {\"d\": null}}", j -> j.object("o", o -> o.requiredString("d", s -> s))));
        assertEquals("the document is not an object", fault("[]", j -> j));
    }

    @Test
    void numbersOutOfRangeOrNotWholeAreRefused() {
        assertEquals("i is out of range: 2147483648", fault("{\"i\": 2147483648}", j -> j.integer("i")));
        assertEquals("is[0] is out of range: -2147483649", fault("{\"is\": [-2147483649]}", j -> j.integers("is")));
        assertEquals("l is out of range: 9223372036854775808", fault("{\"l\": 9223372036854775808}", j -> j.number("l")));
        assertEquals("l is not a whole number: 1.5", fault("{\"l\": 1.5}", j -> j.optionalNumber("l")));
        assertEquals("u is not an unsigned 64-bit number: -1", fault("{\"u\": -1}", j -> j.unsigned("u")));
        assertEquals("u is not an unsigned 64-bit number: 18446744073709551616",
                fault("{\"u\": 18446744073709551616}", j -> j.unsigned("u")));
        assertEquals("u is not an unsigned 64-bit number: 1E+3", fault("{\"u\": 1e3}", j -> j.unsigned("u")));
    }

    @Test
    void whatAParserRefusesIsNamedByItsPath() {
        FromJson<Object> digest = j -> j.string("d", s -> {
            throw new IllegalArgumentException("invalid digest \"" + s + "\"");
        });
        assertEquals("d: invalid digest \"md5:0\"", fault("{\"d\": \"md5:0\"}", digest));
        assertEquals("ds[1]: bad", fault("{\"ds\": [\"ok\", \"no\"]}", j -> j.strings("ds", s -> {
            if (s.equals("no")) {
                throw new IllegalArgumentException("bad");
            }
            return s;
        })));
    }
}
