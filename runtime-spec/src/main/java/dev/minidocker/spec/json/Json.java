package dev.minidocker.spec.json;

/**
 * The project's one JSON reader and writer, for the files it writes itself (the runtime spec, the
 * store's records) and the OCI documents it reads: RFC 8259, the JDK alone, no reflection. Each
 * record says how it is read and written ({@code fromJson} through a {@link JsonObject},
 * {@code toJson} as {@link JsonMembers}); this class turns bytes into values and back.
 */
public final class Json {
    private Json() {
    }

    /**
     * One JSON document as plain values: {@code Map<String, Object>} (members in document order),
     * {@code List<Object>}, {@code String}, {@code Boolean}, null, and {@code Long}, {@code BigInteger}
     * or {@code BigDecimal} for numbers.
     */
    public static Object parse(byte[] utf8) throws JsonException {
        return JsonReader.read(utf8);
    }

    /**
     * A value as UTF-8 JSON text, indented as Jackson's default pretty printer indents it: a
     * {@link JsonWritable}, a map or collection of values, a string, number, boolean or null.
     */
    public static byte[] write(Object value) {
        return JsonWriter.write(value, true);
    }

    /**
     * A value as UTF-8 JSON text on one line, with no white space between its tokens, as Go's
     * json.Marshal writes it: what a process reads on its stdin, or a log line holds.
     */
    public static byte[] writeLine(Object value) {
        return JsonWriter.write(value, false);
    }
}
