package dev.minidocker.spec.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reads of one JSON object's members, what a record's {@code fromJson} reads through. A
 * member that is absent or null reads as null (0 or false for numbers and booleans), and members
 * no reader asks for are ignored, as the OCI specs ask of readers. A member of the wrong type is an
 * error naming it by its path in the document: {@code process.user.uid is not a number}.
 */
public final class JsonObject {
    private static final BigInteger UNSIGNED_LIMIT = BigInteger.ONE.shiftLeft(64);

    private final String path;
    private final Map<String, Object> members;

    private JsonObject(String path, Map<String, Object> members) {
        this.path = path;
        this.members = members;
    }

    /** A JSON document that must be an object. */
    public static JsonObject parse(byte[] utf8) throws JsonException {
        return of("", Json.parse(utf8));
    }

    /** The document's top object read by {@code reader}, as the whole of a file is: {@code RuntimeSpec::fromJson}. */
    public static <T> T read(byte[] utf8, FromJson<T> reader) throws JsonException {
        return reader.read(parse(utf8));
    }

    public boolean has(String name) {
        return members.get(name) != null;
    }

    public String string(String name) throws JsonException {
        return typed(name, String.class, "a string");
    }

    /** A string member turned into a value by {@code parse} (a digest, say), whose IllegalArgumentException names the member. */
    public <T> T string(String name, Function<String, T> parse) throws JsonException {
        String text = string(name);
        return text == null ? null : parsed(child(name), text, parse);
    }

    /** As {@link #string(String, Function)}, for a member the document is malformed without. */
    public <T> T requiredString(String name, Function<String, T> parse) throws JsonException {
        T value = string(name, parse);
        if (value == null) {
            throw new JsonException(child(name) + " is missing");
        }
        return value;
    }

    public boolean bool(String name) throws JsonException {
        Boolean value = typed(name, Boolean.class, "true or false");
        return value != null && value;
    }

    /** A whole number that fits an int; 0 when absent. */
    public int integer(String name) throws JsonException {
        long value = number(name);
        if (value != (int) value) {
            throw new JsonException(child(name) + " is out of range: " + value);
        }
        return (int) value;
    }

    /** A whole number that fits a long; 0 when absent. */
    public long number(String name) throws JsonException {
        Long value = optionalNumber(name);
        return value == null ? 0 : value;
    }

    /** A whole number that fits a long, or null when absent (an optional limit). */
    public Long optionalNumber(String name) throws JsonException {
        Number value = typed(name, Number.class, "a number");
        return value == null ? null : whole(child(name), value);
    }

    /** An unsigned 64-bit number in a long's bits, as C's uint64_t holds it: 2^64-1 is -1. 0 when absent. */
    public long unsigned(String name) throws JsonException {
        Number value = typed(name, Number.class, "a number");
        if (value instanceof Long l && l >= 0) {
            return l;
        }
        if (value instanceof BigInteger big && big.signum() > 0 && big.compareTo(UNSIGNED_LIMIT) < 0) {
            return big.longValue();
        }
        if (value == null) {
            return 0;
        }
        throw new JsonException(child(name) + " is not an unsigned 64-bit number: " + value);
    }

    /** The member object read by {@code reader}, or null when absent. */
    public <T> T object(String name, FromJson<T> reader) throws JsonException {
        Object value = members.get(name);
        return value == null ? null : reader.read(of(child(name), value));
    }

    /** The member array of objects, each read by {@code reader}; null when absent. */
    public <T> List<T> objects(String name, FromJson<T> reader) throws JsonException {
        List<?> items = array(name);
        if (items == null) {
            return null;
        }
        List<T> read = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            read.add(reader.read(of(child(name) + "[" + i + "]", items.get(i))));
        }
        return read;
    }

    /** The member array of strings; null when absent. */
    public List<String> strings(String name) throws JsonException {
        return items(name, String.class, "a string");
    }

    /** The member array of strings, each turned into a value by {@code parse}; null when absent. */
    public <T> List<T> strings(String name, Function<String, T> parse) throws JsonException {
        List<String> texts = strings(name);
        if (texts == null) {
            return null;
        }
        List<T> values = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            values.add(parsed(child(name) + "[" + i + "]", texts.get(i), parse));
        }
        return values;
    }

    /** The member array of whole numbers that fit an int; null when absent. */
    public List<Integer> integers(String name) throws JsonException {
        List<Number> numbers = items(name, Number.class, "a number");
        if (numbers == null) {
            return null;
        }
        List<Integer> values = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            long value = whole(child(name) + "[" + i + "]", numbers.get(i));
            if (value != (int) value) {
                throw new JsonException(child(name) + "[" + i + "] is out of range: " + value);
            }
            values.add((int) value);
        }
        return values;
    }

    /** The member object as a map of strings, in document order (annotations, labels); null when absent. */
    public Map<String, String> stringMap(String name) throws JsonException {
        Map<String, Object> map = map(name);
        if (map == null) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        JsonObject object = new JsonObject(child(name), map);
        for (String key : map.keySet()) {
            strings.put(key, object.string(key));
        }
        return strings;
    }

    /** The member object's members as read, whatever they hold; null when absent. */
    public Map<String, Object> map(String name) throws JsonException {
        Object value = members.get(name);
        return value == null ? null : of(child(name), value).members;
    }

    /** Every member of this object, each an object read by {@code reader}, in document order. */
    public <T> Map<String, T> members(FromJson<T> reader) throws JsonException {
        Map<String, T> read = new LinkedHashMap<>();
        for (Map.Entry<String, Object> member : members.entrySet()) {
            read.put(member.getKey(), reader.read(of(child(member.getKey()), member.getValue())));
        }
        return Collections.unmodifiableMap(read);
    }

    @SuppressWarnings("unchecked")
    private static JsonObject of(String path, Object value) throws JsonException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new JsonException((path.isEmpty() ? "the document" : path) + " is not an object");
        }
        return new JsonObject(path, (Map<String, Object>) map);
    }

    private List<?> array(String name) throws JsonException {
        return typed(name, List.class, "an array");
    }

    private <T> List<T> items(String name, Class<T> type, String what) throws JsonException {
        List<?> items = array(name);
        if (items == null) {
            return null;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!type.isInstance(items.get(i))) {
                throw new JsonException(child(name) + "[" + i + "] is not " + what);
            }
        }
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) items;
        return typed;
    }

    private <T> T typed(String name, Class<T> type, String what) throws JsonException {
        Object value = members.get(name);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new JsonException(child(name) + " is not " + what);
        }
        return type.cast(value);
    }

    private static long whole(String path, Number value) throws JsonException {
        if (value instanceof Long l) {
            return l;
        }
        throw new JsonException(path + (value instanceof BigInteger ? " is out of range: " : " is not a whole number: ")
                + value);
    }

    private static <T> T parsed(String path, String text, Function<String, T> parse) throws JsonException {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new JsonException(path + ": " + e.getMessage());
        }
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
