package dev.minidocker.store.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records to and from JSON the way {@link OciJson} writes and reads them, without Jackson's data
 * binding, whose start-up (a quarter of a second on a cold JVM) was most of {@code run}'s own
 * time: the records' components through reflection, the bytes through jackson-core's streaming
 * generator and parser with databind's pretty printer, so the files are byte for byte the same.
 * It honours what the records use of Jackson's annotations: {@code @JsonProperty} names on
 * accessors, {@code @JsonInclude} NON_NULL and NON_EMPTY on record classes, {@code @JsonValue}
 * and a static {@code @JsonCreator} of one string for value types (digests, statuses). Unknown
 * members are skipped, as OciJson does; a missing one is null, 0 or false.
 */
public final class RecordJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordJson() {
    }

    /** A record (or a map of records) as OciJson writes it: indented, members in component order. */
    public static byte[] write(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            writeValue(g, value);
        }
        return out.toByteArray();
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
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new IOException("no JSON content");
            }
            return RecordReader.readValue(p, type);
        }
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Number n -> g.writeNumber(n.toString());
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object item : c) {
                    writeValue(g, item);
                }
                g.writeEndArray();
            }
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            default -> writeShaped(g, value);
        }
    }

    private static void writeShaped(JsonGenerator g, Object value) throws IOException {
        JsonShape shape = JsonShape.of(value.getClass());
        if (shape.jsonValue() != null) {
            writeValue(g, JsonShape.invoke(shape.jsonValue(), value));
            return;
        }
        if (shape.components() == null) {
            if (value instanceof Enum<?> e) {
                g.writeString(e.name());
                return;
            }
            throw new IOException("cannot write " + value.getClass().getName() + " as JSON");
        }
        g.writeStartObject();
        for (JsonShape.Component c : shape.components()) {
            Object member = JsonShape.invoke(c.accessor(), value);
            if (!shape.omits(member)) {
                g.writeFieldName(c.name());
                writeValue(g, member);
            }
        }
        g.writeEndObject();
    }
}
