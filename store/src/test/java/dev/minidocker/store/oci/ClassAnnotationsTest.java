package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.TagEntry;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.container.ContainerStatus;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The class file reader against reflection, which reads the same attributes through annotation proxies. */
class ClassAnnotationsTest {
    /** Every kind of constant and element value the reader must step over, and the ones it keeps. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"b", "a"})
    record Sample(@JsonProperty("Named") String named, @JsonProperty String plain, long big, double ratio,
            @JsonFormat(shape = JsonFormat.Shape.STRING, lenient = OptBoolean.TRUE,
                    with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            int shaped) {
        static final long LONG = 1L << 40;
        static final double DOUBLE = 0.5;

        @JsonProperty(value = "other", index = 3, required = true, access = JsonProperty.Access.READ_ONLY)
        public String other() {
            return named + LONG + DOUBLE;
        }
    }

    @Test
    void readsWhatReflectionReads() throws IOException {
        for (Class<?> type : List.of(Sample.class, Digest.class, ImageRecord.class, ImageRecord.Layer.class,
                TagEntry.class, Platform.class, Descriptor.class, ImageConfig.class, ImageConfig.RunConfig.class,
                ContainerRecord.class, ContainerRecord.Config.class, ContainerRecord.HostConfig.class,
                ContainerState.class, ContainerStatus.class)) {
            ClassAnnotations read = ClassAnnotations.of(type);
            assertEquals(names(type.getDeclaredAnnotations()), names(read.onClass()), type + " itself");
            for (Method m : type.getDeclaredMethods()) {
                String descriptor = m.toGenericString();
                List<ClassAnnotations.Annotation> found = read.onMethod(m.getName(), descriptor(m));
                assertEquals(names(m.getDeclaredAnnotations()), names(found), descriptor);
                JsonProperty property = m.getAnnotation(JsonProperty.class);
                if (property != null) {
                    assertEquals(property.value(),
                            ClassAnnotations.find(found, JsonProperty.class).elements().getOrDefault("value", ""),
                            descriptor);
                }
            }
        }
    }

    @Test
    void keepsStringAndEnumElements() throws IOException {
        ClassAnnotations read = ClassAnnotations.of(Sample.class);
        assertEquals(Map.of("value", "NON_EMPTY"),
                ClassAnnotations.find(read.onClass(), JsonInclude.class).elements());
        assertEquals(Map.of("value", "Named"), ClassAnnotations.find(
                read.onMethod("named", "()Ljava/lang/String;"), JsonProperty.class).elements());
        assertEquals(Map.of(), ClassAnnotations.find(
                read.onMethod("plain", "()Ljava/lang/String;"), JsonProperty.class).elements());
        assertEquals(Map.of("value", "other", "access", "READ_ONLY"), ClassAnnotations.find(
                read.onMethod("other", "()Ljava/lang/String;"), JsonProperty.class).elements());
        assertEquals(Map.of("shape", "STRING", "lenient", "TRUE"),
                ClassAnnotations.find(read.onMethod("shaped", "()I"), JsonFormat.class).elements());
        assertNull(ClassAnnotations.find(read.onMethod("big", "()J"), JsonProperty.class));
    }

    @Test
    void refusesWhatIsNotAClassFile() {
        IOException e = assertThrows(IOException.class, () -> ClassAnnotations.parse(new byte[] {1, 2, 3, 4, 0, 0}));
        assertEquals("not a class file", e.getMessage());
        // The right magic, then a constant pool cut short.
        e = assertThrows(IOException.class, () -> ClassAnnotations.parse(new byte[] {(byte) 0xCA, (byte) 0xFE,
                (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 65, 0, 2, 1, 0}));
        assertTrue(e.getMessage().startsWith("malformed class file: java.nio.BufferUnderflowException"), e.getMessage());
    }

    private static Set<String> names(Annotation[] annotations) {
        return Arrays.stream(annotations).map(a -> a.annotationType().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(List<ClassAnnotations.Annotation> annotations) {
        return annotations.stream().map(ClassAnnotations.Annotation::type).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String descriptor(Method m) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            d.append(p.descriptorString());
        }
        return d.append(')').append(m.getReturnType().descriptorString()).toString();
    }
}
