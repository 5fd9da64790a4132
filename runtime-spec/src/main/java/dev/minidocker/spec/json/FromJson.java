package dev.minidocker.spec.json;

/** How a value is read from a JSON object: a record's {@code fromJson}. */
@FunctionalInterface
public interface FromJson<T> {
    T read(JsonObject json) throws JsonException;
}
