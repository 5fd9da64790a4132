package dev.minidocker.store.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-time visible annotations of a class and of the methods it declares, read from its class
 * file rather than through reflection: {@code getAnnotation} makes a proxy class for every
 * annotation type it meets (seven for the store's records, 0.03 s of a {@code run} on a cold
 * JVM), while these few kilobytes of class file take a fraction of a millisecond to walk.
 * Only what {@link JsonShape} needs: annotation types and their string and enum elements.
 *
 * <p>The class file format: JVMS chapter 4 (constant pool 4.4, RuntimeVisibleAnnotations 4.7.16).
 */
record ClassAnnotations(List<Annotation> onClass, Map<String, List<Annotation>> onMethods) {
    /** An annotation: its type's binary name and its string and enum elements (an enum's constant name). */
    record Annotation(String type, Map<String, String> elements) {
    }

    private static final String ANNOTATIONS = "RuntimeVisibleAnnotations";

    /** The annotations of {@code type}, from its class file in its module. */
    static ClassAnnotations of(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getModule().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no class file " + resource + " in " + type.getModule());
            }
            return parse(in.readAllBytes());
        }
    }

    /** The annotations on the method {@code name} with the descriptor {@code descriptor}, e.g. {@code ()Ljava/lang/String;}. */
    List<Annotation> onMethod(String name, String descriptor) {
        return onMethods.getOrDefault(name + descriptor, List.of());
    }

    /** The annotation of {@code type} in {@code annotations}, or null. */
    static Annotation find(List<Annotation> annotations, Class<?> type) {
        for (Annotation a : annotations) {
            if (a.type().equals(type.getName())) {
                return a;
            }
        }
        return null;
    }

    static ClassAnnotations parse(byte[] classFile) throws IOException {
        try {
            return new Reader(ByteBuffer.wrap(classFile)).read();
        } catch (RuntimeException e) {
            // BufferUnderflowException, a bad constant index: the bytes are not a class file.
            throw new IOException("malformed class file: " + e, e);
        }
    }

    /** One pass over the class file, keeping only the constant pool's offsets and the annotations. */
    private static final class Reader {
        private final ByteBuffer in;
        private int[] offsets;

        Reader(ByteBuffer in) {
            this.in = in;
        }

        ClassAnnotations read() throws IOException {
            if (in.getInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.getInt(); // minor and major version
            readConstantPool();
            skip(6); // access flags, this class, super class
            skip(2 * u2()); // interfaces
            for (int fields = u2(), i = 0; i < fields; i++) {
                skip(6); // access flags, name, descriptor
                annotations();
            }
            Map<String, List<Annotation>> onMethods = new HashMap<>();
            for (int methods = u2(), i = 0; i < methods; i++) {
                in.getShort(); // access flags
                String name = utf8(u2());
                String descriptor = utf8(u2());
                List<Annotation> found = annotations();
                if (!found.isEmpty()) {
                    onMethods.put(name + descriptor, found);
                }
            }
            return new ClassAnnotations(annotations(), onMethods);
        }

        private void readConstantPool() throws IOException {
            int count = u2();
            offsets = new int[count];
            for (int i = 1; i < count; i++) {
                offsets[i] = in.position();
                int tag = in.get();
                switch (tag) {
                    case 1 -> skip(u2()); // Utf8
                    case 7, 8, 16, 19, 20 -> skip(2);
                    case 15 -> skip(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(4);
                    case 5, 6 -> {
                        // Long and Double take two entries.
                        skip(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
        }

        /** A member's or the class's attributes: the annotations among them, the rest skipped. */
        private List<Annotation> annotations() {
            List<Annotation> found = List.of();
            for (int attributes = u2(), i = 0; i < attributes; i++) {
                String name = utf8(u2());
                int length = in.getInt();
                int end = in.position() + length;
                if (name.equals(ANNOTATIONS)) {
                    found = new ArrayList<>();
                    for (int n = u2(), j = 0; j < n; j++) {
                        found.add(annotation());
                    }
                }
                in.position(end);
            }
            return found;
        }

        private Annotation annotation() {
            String descriptor = utf8(u2());
            Map<String, String> elements = new HashMap<>();
            for (int pairs = u2(), i = 0; i < pairs; i++) {
                String name = utf8(u2());
                String value = elementValue();
                if (value != null) {
                    elements.put(name, value);
                }
            }
            // "Lcom/example/Named;" or "Lcom/example/Outer$Inner;" -> the binary name.
            return new Annotation(descriptor.substring(1, descriptor.length() - 1).replace('/', '.'), elements);
        }

        /** A string or enum element's value; null for the kinds JsonShape does not read (skipped). */
        private String elementValue() {
            int tag = in.get();
            switch (tag) {
                case 's' -> {
                    return utf8(u2());
                }
                case 'e' -> {
                    u2(); // the enum type
                    return utf8(u2());
                }
                case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 'c' -> u2();
                case '@' -> annotation();
                case '[' -> {
                    for (int n = u2(), i = 0; i < n; i++) {
                        elementValue();
                    }
                }
                default -> throw new IllegalStateException("unknown element value tag " + (char) tag);
            }
            return null;
        }

        private void skip(int bytes) {
            in.position(in.position() + bytes);
        }

        private int u2() {
            return Short.toUnsignedInt(in.getShort());
        }

        /** A Utf8 constant. Class files use modified UTF-8; the names and values here are plain text. */
        private String utf8(int index) {
            int at = offsets[index];
            if (in.get(at) != 1) {
                throw new IllegalStateException("constant " + index + " is not Utf8");
            }
            int length = Short.toUnsignedInt(in.getShort(at + 1));
            return new String(in.array(), at + 3, length, StandardCharsets.UTF_8);
        }
    }
}
