package dev.minidocker.store.oci;

import dev.minidocker.store.oci.JsonTokens.Token;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading half of {@link RecordJson}: a value of a declared type (records, lists, maps of
 * strings to values, strings, numbers, booleans, value types with a {@code @JsonCreator}) from a
 * pull parser. Unknown members are skipped; a missing one is null, 0 or false.
 */
final class RecordReader {
    private RecordReader() {
    }

    /** The value at the parser's current token, as {@code type}. */
    static Object readValue(JsonTokens p, Type type) throws IOException {
        Token t = p.token();
        Class<?> raw = raw(type);
        if (t == Token.VALUE_NULL) {
            return defaultOf(raw);
        }
        if (raw == Object.class) {
            return readAny(p);
        }
        if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
            expect(p, Token.START_ARRAY, type);
            Type item = argument(type, 0);
            List<Object> list = new ArrayList<>();
            while (p.next() != Token.END_ARRAY) {
                list.add(readValue(p, item));
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            expect(p, Token.START_OBJECT, type);
            Type valueType = argument(type, 1);
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.next() == Token.FIELD_NAME) {
                String key = p.name();
                p.next();
                map.put(key, readValue(p, valueType));
            }
            return map;
        }
        if (raw == String.class) {
            return scalar(p, Token.VALUE_STRING, type).text();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (t != Token.VALUE_TRUE && t != Token.VALUE_FALSE) {
                throw mismatch(p, type);
            }
            return t == Token.VALUE_TRUE;
        }
        if (raw == int.class || raw == Integer.class) {
            return scalar(p, Token.VALUE_NUMBER_INT, type).intValue();
        }
        if (raw == long.class || raw == Long.class) {
            return scalar(p, Token.VALUE_NUMBER_INT, type).longValue();
        }
        JsonShape shape = JsonShape.of(raw);
        if (shape.creator() != null) {
            return JsonShape.invoke(shape.creator(), null, scalar(p, Token.VALUE_STRING, type).text());
        }
        if (raw.isEnum()) {
            return enumValue(raw, scalar(p, Token.VALUE_STRING, type).text());
        }
        if (shape.components() == null) {
            throw new IOException("cannot read " + raw.getName() + " from JSON");
        }
        return readRecord(p, shape, type);
    }

    private static Object readRecord(JsonTokens p, JsonShape shape, Type type) throws IOException {
        expect(p, Token.START_OBJECT, type);
        Object[] args = new Object[shape.components().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = defaultOf(shape.components().get(i).type());
        }
        while (p.next() == Token.FIELD_NAME) {
            Integer index = shape.byName().get(p.name());
            p.next();
            if (index == null) {
                p.skipChildren();
            } else {
                args[index] = readValue(p, shape.components().get(index).genericType());
            }
        }
        try {
            return shape.constructor().newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot make " + shape.type().getSimpleName() + ": " + e.getCause().getMessage(), e);
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot make " + shape.type().getSimpleName() + ": " + e, e);
        }
    }

    /** Any JSON value as maps, lists, strings, numbers and booleans. */
    private static Object readAny(JsonTokens p) throws IOException {
        return switch (p.token()) {
            case START_OBJECT -> readValue(p, Generic.mapOf(Object.class));
            case START_ARRAY -> readValue(p, Generic.listOf(Object.class));
            case VALUE_STRING -> p.text();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.number();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private static void expect(JsonTokens p, Token token, Type type) throws IOException {
        if (p.token() != token) {
            throw mismatch(p, type);
        }
    }

    private static JsonTokens scalar(JsonTokens p, Token token, Type type) throws IOException {
        expect(p, token, type);
        return p;
    }

    private static IOException mismatch(JsonTokens p, Type type) {
        return new IOException("unexpected " + p.token() + " for " + type.getTypeName() + " at "
                + p.where());
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
    record Generic(Class<?> raw, Type... arguments) implements ParameterizedType {
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
}
