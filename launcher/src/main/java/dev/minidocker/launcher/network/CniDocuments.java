package dev.minidocker.launcher.network;

import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The CNI documents (conflists, a plugin's configuration, its result or error) as the plain values
 * the project's JSON reader gives: a plugin's result goes on to the next plugin and back to DEL as
 * it came, so it is kept whole and read where needed, leniently: a member of another type than
 * expected reads as absent.
 */
final class CniDocuments {
    private CniDocuments() {
    }

    /** The object {@code text} holds. */
    static Map<String, Object> parseObject(String text) throws JsonException {
        if (Json.parse(text.getBytes(StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
            return object(map);
        }
        throw new JsonException("not a JSON object");
    }

    /** {@code value} on one line: a plugin's stdin, and what the narration shows of it. */
    static String line(Object value) {
        return new String(Json.writeLine(value), StandardCharsets.UTF_8);
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
}
