package dev.minidocker.store.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

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
        Map<String, V> map = (Map<String, V>) readDocument(json, Generic.mapOf(valueType));
        return map == null ? null : new TreeMap<>(map);
    }

    private static Object readDocument(byte[] json, Type type) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new IOException("no JSON content");
            }
            return readValue(p, type);
        }
    }

    // --- writing ---------------------------------------------------------------------------------

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
        Shape shape = shape(value.getClass());
        if (shape.jsonValue != null) {
            writeValue(g, invoke(shape.jsonValue, value));
            return;
        }
        if (shape.components == null) {
            if (value instanceof Enum<?> e) {
                g.writeString(e.name());
                return;
            }
            throw new IOException("cannot write " + value.getClass().getName() + " as JSON");
        }
        g.writeStartObject();
        for (Component c : shape.components) {
            Object member = invoke(c.accessor, value);
            if (!shape.omits(member)) {
                g.writeFieldName(c.name);
                writeValue(g, member);
            }
        }
        g.writeEndObject();
    }

    // --- reading ---------------------------------------------------------------------------------

    /** The value at the parser's current token, as {@code type}. */
    private static Object readValue(JsonParser p, Type type) throws IOException {
        JsonToken t = p.currentToken();
        Class<?> raw = raw(type);
        if (t == JsonToken.VALUE_NULL) {
            return defaultOf(raw);
        }
        if (raw == Object.class) {
            return readAny(p);
        }
        if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
            expect(p, JsonToken.START_ARRAY, type);
            Type item = argument(type, 0);
            List<Object> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(readValue(p, item));
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            expect(p, JsonToken.START_OBJECT, type);
            Type valueType = argument(type, 1);
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                map.put(key, readValue(p, valueType));
            }
            return map;
        }
        if (raw == String.class) {
            return scalar(p, JsonToken.VALUE_STRING, type).getText();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                throw mismatch(p, type);
            }
            return t == JsonToken.VALUE_TRUE;
        }
        if (raw == int.class || raw == Integer.class) {
            return scalar(p, JsonToken.VALUE_NUMBER_INT, type).getIntValue();
        }
        if (raw == long.class || raw == Long.class) {
            return scalar(p, JsonToken.VALUE_NUMBER_INT, type).getLongValue();
        }
        Shape shape = shape(raw);
        if (shape.creator != null) {
            return invoke(shape.creator, null, scalar(p, JsonToken.VALUE_STRING, type).getText());
        }
        if (raw.isEnum()) {
            return enumValue(raw, scalar(p, JsonToken.VALUE_STRING, type).getText());
        }
        if (shape.components == null) {
            throw new IOException("cannot read " + raw.getName() + " from JSON");
        }
        return readRecord(p, shape, type);
    }

    private static Object readRecord(JsonParser p, Shape shape, Type type) throws IOException {
        expect(p, JsonToken.START_OBJECT, type);
        Object[] args = new Object[shape.components.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = defaultOf(shape.components.get(i).type);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Integer index = shape.byName.get(p.currentName());
            p.nextToken();
            if (index == null) {
                p.skipChildren();
            } else {
                args[index] = readValue(p, shape.components.get(index).genericType);
            }
        }
        try {
            return shape.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot make " + shape.type.getSimpleName() + ": " + e.getCause().getMessage(), e);
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot make " + shape.type.getSimpleName() + ": " + e, e);
        }
    }

    /** Any JSON value as maps, lists, strings, numbers and booleans. */
    private static Object readAny(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> readValue(p, Generic.mapOf(Object.class));
            case START_ARRAY -> readValue(p, Generic.listOf(Object.class));
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private static void expect(JsonParser p, JsonToken token, Type type) throws IOException {
        if (p.currentToken() != token) {
            throw mismatch(p, type);
        }
    }

    private static JsonParser scalar(JsonParser p, JsonToken token, Type type) throws IOException {
        expect(p, token, type);
        return p;
    }

    private static IOException mismatch(JsonParser p, Type type) {
        return new IOException("unexpected " + p.currentToken() + " for " + type.getTypeName() + " at "
                + p.currentLocation().offsetDescription());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) throws IOException {
        try {
            return Enum.valueOf((Class<Enum>) type, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("no " + type.getSimpleName() + " named \"" + name + "\"", e);
        }
    }

    private static Object defaultOf(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[index] : Object.class;
    }

    /** {@code Map<String, V>} or {@code List<V>}, for what has no declared generic type. */
    private record Generic(Class<?> raw, Type... arguments) implements ParameterizedType {
        static Generic mapOf(Type value) {
            return new Generic(Map.class, String.class, value);
        }

        static Generic listOf(Type item) {
            return new Generic(List.class, item);
        }

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }

    // --- what a class looks like in JSON ---------------------------------------------------------

    private static Object invoke(Method method, Object target, Object... args) throws IOException {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (IllegalAccessException e) {
            throw new IOException("cannot call " + method + ": " + e.getMessage(), e);
        }
    }

    private static Shape shape(Class<?> type) throws IOException {
        Shape shape = SHAPES.get(type);
        if (shape == null) {
            shape = Shape.of(type);
            SHAPES.put(type, shape);
        }
        return shape;
    }

    private record Component(String name, Method accessor, Class<?> type, Type genericType) {
    }

    /**
     * A record's members (or null) with their JSON names and inclusion, or the {@code @JsonValue}
     * method and {@code @JsonCreator} factory of a value type.
     */
    private record Shape(Class<?> type, List<Component> components, Map<String, Integer> byName,
            Constructor<?> constructor, JsonInclude.Include include, Method jsonValue, Method creator) {

        static Shape of(Class<?> type) throws IOException {
            Method jsonValue = null;
            Method creator = null;
            for (Method m : type.getMethods()) {
                if (m.isAnnotationPresent(JsonValue.class)) {
                    jsonValue = m;
                } else if (m.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
                    creator = m;
                }
            }
            JsonInclude inclusion = type.getAnnotation(JsonInclude.class);
            JsonInclude.Include include = inclusion == null ? JsonInclude.Include.ALWAYS : inclusion.value();
            if (!type.isRecord() || jsonValue != null) {
                return new Shape(type, null, Map.of(), null, include, jsonValue, creator);
            }
            List<Component> components = new ArrayList<>();
            Map<String, Integer> byName = new LinkedHashMap<>();
            RecordComponent[] declared = type.getRecordComponents();
            Class<?>[] types = new Class<?>[declared.length];
            for (int i = 0; i < declared.length; i++) {
                RecordComponent rc = declared[i];
                JsonProperty property = rc.getAccessor().getAnnotation(JsonProperty.class);
                String name = property == null || property.value().isEmpty() ? rc.getName() : property.value();
                components.add(new Component(name, rc.getAccessor(), rc.getType(), rc.getGenericType()));
                byName.put(name, i);
                types[i] = rc.getType();
            }
            try {
                return new Shape(type, List.copyOf(components), byName, type.getDeclaredConstructor(types), include,
                        null, creator);
            } catch (NoSuchMethodException e) {
                throw new IOException("no canonical constructor in " + type.getName(), e);
            }
        }

        /** Whether {@code @JsonInclude} leaves this member value out. */
        boolean omits(Object member) {
            return switch (include) {
                case NON_NULL -> member == null;
                case NON_EMPTY -> member == null || member instanceof String s && s.isEmpty()
                        || member instanceof Collection<?> c && c.isEmpty() || member instanceof Map<?, ?> m && m.isEmpty();
                default -> false;
            };
        }
    }
}
