package dev.minidocker.store.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A record's members (or null) with their JSON names and inclusion, or the {@code @JsonValue}
 * method and {@code @JsonCreator} factory of a value type: what {@link RecordJson} reads and writes
 * by, worked out once per class. The annotations are those the class itself declares, read from
 * its class file ({@link ClassAnnotations}).
 */
record JsonShape(Class<?> type, List<Component> components, Map<String, Integer> byName,
        Constructor<?> constructor, JsonInclude.Include include, Method jsonValue, Method creator) {
    private static final Map<Class<?>, JsonShape> SHAPES = new ConcurrentHashMap<>();

    /** A record component: its JSON name and its accessor. */
    record Component(String name, Method accessor, Class<?> type, Type genericType) {
    }

    /** The shape of {@code type}, worked out once. */
    static JsonShape of(Class<?> type) throws IOException {
        JsonShape shape = SHAPES.get(type);
        if (shape == null) {
            shape = inspect(type);
            SHAPES.put(type, shape);
        }
        return shape;
    }

    private static JsonShape inspect(Class<?> type) throws IOException {
        ClassAnnotations annotations = ClassAnnotations.of(type);
        Method jsonValue = null;
        Method creator = null;
        for (Map.Entry<String, List<ClassAnnotations.Annotation>> m : annotations.onMethods().entrySet()) {
            String name = m.getKey().substring(0, m.getKey().indexOf('('));
            String descriptor = m.getKey().substring(name.length());
            if (ClassAnnotations.find(m.getValue(), JsonValue.class) != null && descriptor.startsWith("()")) {
                jsonValue = publicMethod(type, name);
            } else if (ClassAnnotations.find(m.getValue(), JsonCreator.class) != null
                    && descriptor.startsWith("(Ljava/lang/String;)")) {
                Method factory = publicMethod(type, name, String.class);
                creator = factory != null && Modifier.isStatic(factory.getModifiers()) ? factory : creator;
            }
        }
        ClassAnnotations.Annotation inclusion = ClassAnnotations.find(annotations.onClass(), JsonInclude.class);
        JsonInclude.Include include = inclusion == null || !inclusion.elements().containsKey("value")
                ? JsonInclude.Include.ALWAYS : JsonInclude.Include.valueOf(inclusion.elements().get("value"));
        if (!type.isRecord() || jsonValue != null) {
            return new JsonShape(type, null, Map.of(), null, include, jsonValue, creator);
        }
        List<Component> components = new ArrayList<>();
        Map<String, Integer> byName = new LinkedHashMap<>();
        RecordComponent[] declared = type.getRecordComponents();
        Class<?>[] types = new Class<?>[declared.length];
        for (int i = 0; i < declared.length; i++) {
            RecordComponent rc = declared[i];
            ClassAnnotations.Annotation property = ClassAnnotations.find(
                    annotations.onMethod(rc.getName(), "()" + rc.getType().descriptorString()), JsonProperty.class);
            String named = property == null ? null : property.elements().get("value");
            String name = named == null || named.isEmpty() ? rc.getName() : named;
            components.add(new Component(name, rc.getAccessor(), rc.getType(), rc.getGenericType()));
            byName.put(name, i);
            types[i] = rc.getType();
        }
        try {
            return new JsonShape(type, List.copyOf(components), byName, type.getDeclaredConstructor(types), include,
                    null, creator);
        } catch (NoSuchMethodException e) {
            throw new IOException("no canonical constructor in " + type.getName(), e);
        }
    }

    /** The public method {@code name} of {@code type} with these parameters, or null. */
    private static Method publicMethod(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
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

    /** Calls a record accessor, a {@code @JsonValue} method or a {@code @JsonCreator}; what it throws is an IOException. */
    static Object invoke(Method method, Object target, Object... args) throws IOException {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (IllegalAccessException e) {
            throw new IOException("cannot call " + method + ": " + e.getMessage(), e);
        }
    }
}
