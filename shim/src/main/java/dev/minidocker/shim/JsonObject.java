package dev.minidocker.shim;

import java.util.List;
import java.util.Map;

/**
 * Typed reads of one parsed JSON object; a member of the wrong type is an error that names it by
 * its path in the document ({@code process.user.uid}).
 */
record JsonObject(String path, Map<String, Object> members) {

    static JsonObject parse(String text) {
        return of("", Json.parse(text));
    }

    private static JsonObject of(String path, Object value) {
        if (value == null) {
            return new JsonObject(path, Map.of());
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> members = (Map<String, Object>) map;
            return new JsonObject(path, members);
        }
        throw wrongType(path, "an object");
    }

    /** The member object, or an empty one when it is absent or null. */
    JsonObject object(String name) {
        return of(child(name), members.get(name));
    }

    /** The member array of objects, empty when absent. */
    List<JsonObject> objects(String name) {
        List<Object> items = array(name, Object.class);
        return java.util.stream.IntStream.range(0, items.size())
                .mapToObj(i -> of(child(name) + "[" + i + "]", items.get(i))).toList();
    }

    List<String> strings(String name) {
        return array(name, String.class);
    }

    List<Number> numbers(String name) {
        return array(name, Number.class);
    }

    String string(String name, String otherwise) {
        return typed(name, String.class, otherwise, "a string");
    }

    boolean bool(String name) {
        return typed(name, Boolean.class, false, "true or false");
    }

    /** A whole number; 2^64-1 and other values past a long wrap as C's unsigned long long does. */
    long number(String name, long otherwise) {
        Number n = typed(name, Number.class, null, "a number");
        if (n == null) {
            return otherwise;
        }
        if (n instanceof java.math.BigDecimal) {
            throw wrongType(child(name), "a whole number");
        }
        return n.longValue();
    }

    boolean has(String name) {
        return members.get(name) != null;
    }

    /** The member object read as a map of strings (annotations). */
    Map<String, String> stringMap(String name) {
        JsonObject o = object(name);
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String key : o.members.keySet()) {
            map.put(key, o.string(key, null));
        }
        return map;
    }

    private <T> List<T> array(String name, Class<T> type) {
        Object value = members.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(child(name), "an array");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!type.isInstance(list.get(i)) && type != Object.class) {
                throw wrongType(child(name) + "[" + i + "]", "a " + type.getSimpleName().toLowerCase());
            }
        }
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) list;
        return typed;
    }

    private <T> T typed(String name, Class<T> type, T otherwise, String what) {
        Object value = members.get(name);
        if (value == null) {
            return otherwise;
        }
        if (!type.isInstance(value)) {
            throw wrongType(child(name), what);
        }
        return type.cast(value);
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static IllegalArgumentException wrongType(String path, String what) {
        return new IllegalArgumentException((path.isEmpty() ? "the document" : path) + " is not " + what);
    }
}
