package dev.minidocker.spec.json;

/** A value that says how it is written as JSON: {@link Json#write} calls {@link #toJson()} for it. */
public interface JsonWritable {
    /**
     * This value as JSON: a {@link JsonMembers}, a {@code Map} or a {@code Collection}, a string,
     * a number, a boolean, null, or another JsonWritable.
     */
    Object toJson();
}
