package dev.minidocker.spec.json;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object being written, its members in the order they are added: what a record's
 * {@code toJson} returns. Whether a member with no value is written is said per member, in the
 * words of Jackson's inclusion rules, which wrote the store's files first.
 */
public final class JsonMembers implements JsonWritable {
    private final Map<String, Object> members = new LinkedHashMap<>();

    /** A member written whatever its value: null as {@code null}. */
    public JsonMembers add(String name, Object value) {
        members.put(name, value);
        return this;
    }

    /** A member left out when null (Jackson's NON_NULL). */
    public JsonMembers addNonNull(String name, Object value) {
        return value == null ? this : add(name, value);
    }

    /** A member left out when null, an empty string, an empty list or an empty map (Jackson's NON_EMPTY). */
    public JsonMembers addNonEmpty(String name, Object value) {
        boolean empty = value == null || value instanceof String s && s.isEmpty()
                || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
        return empty ? this : add(name, value);
    }

    /** An unsigned 64-bit number (an rlimit, a seccomp argument) held in a long's bits: -1 is 2^64-1. */
    public JsonMembers addUnsigned(String name, long value) {
        return add(name, value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value)));
    }

    @Override
    public Object toJson() {
        return Collections.unmodifiableMap(members);
    }
}
