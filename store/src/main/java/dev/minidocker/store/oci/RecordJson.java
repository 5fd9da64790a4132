package dev.minidocker.store.oci;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records to and from JSON the way {@link OciJson} writes and reads them, without Jackson's data
 * binding, whose start-up (a quarter of a second on a cold JVM) was most of {@code run}'s own
 * time: the records' components through reflection, the bytes through a parser and a writer of
 * the JDK's alone ({@link JsonTokens}, {@link JsonWriter}: jackson-core's parser costs a run 15 ms
 * to initialise), laid out as databind's pretty printer does, so the files are byte for byte the same.
 * It honours what the records use of Jackson's annotations: {@code @JsonProperty} names on
 * accessors, {@code @JsonInclude} NON_NULL and NON_EMPTY on record classes, {@code @JsonValue}
 * and a static {@code @JsonCreator} of one string for value types (digests, statuses). Unknown
 * members are skipped, as OciJson does; a missing one is null, 0 or false.
 */
public final class RecordJson {
    private RecordJson() {
    }

    /** A record (or a map of records) as OciJson writes it: indented, members in component order. */
    public static byte[] write(Object value) throws IOException {
        JsonWriter g = new JsonWriter();
        writeValue(g, value);
        return g.bytes();
    }

    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return type.cast(readDocument(json, type));
    }

    /** A JSON object of records by name, in key order (repositories.json). */
    @SuppressWarnings("unchecked")
    public static <V> TreeMap<String, V> readMap(byte[] json, Class<V> valueType) throws IOException {
        Map<String, V> map = (Map<String, V>) readDocument(json, RecordReader.Generic.mapOf(valueType));
        return map == null ? null : new TreeMap<>(map);
    }

    private static Object readDocument(byte[] json, Type type) throws IOException {
        JsonTokens p = new JsonTokens(json);
        if (p.next() == null) {
            throw new IOException("no JSON content");
        }
        Object value = RecordReader.readValue(p, type);
        // Nothing but white space may follow the document (next() says what does).
        p.next();
        return value;
    }

    /**
     * Tests in turn, not a pattern switch: a type switch is bootstrapped at run time (its class
     * spun through the ClassFile API, 2 ms of a run's start, interpreted), which no AOT cache keeps.
     */
    private static void writeValue(JsonWriter g, Object value) throws IOException {
        if (value == null) {
            g.raw("null");
        } else if (value instanceof String s) {
            g.string(s);
        } else if (value instanceof Boolean || value instanceof Number) {
            g.raw(value.toString());
        } else if (value instanceof Collection<?> c) {
            g.startArray();
            for (Object item : c) {
                writeValue(g, item);
            }
            g.endArray();
        } else if (value instanceof Map<?, ?> m) {
            g.startObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.name(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.endObject();
        } else {
            writeShaped(g, value);
        }
    }

    private static void writeShaped(JsonWriter g, Object value) throws IOException {
        JsonShape shape = JsonShape.of(value.getClass());
        if (shape.jsonValue() != null) {
            writeValue(g, JsonShape.invoke(shape.jsonValue(), value));
            return;
        }
        if (shape.components() == null) {
            if (value instanceof Enum<?> e) {
                g.string(e.name());
                return;
            }
            throw new IOException("cannot write " + value.getClass().getName() + " as JSON");
        }
        g.startObject();
        for (JsonShape.Component c : shape.components()) {
            Object member = JsonShape.invoke(c.accessor(), value);
            if (!shape.omits(member)) {
                g.name(c.name());
                writeValue(g, member);
            }
        }
        g.endObject();
    }
}
