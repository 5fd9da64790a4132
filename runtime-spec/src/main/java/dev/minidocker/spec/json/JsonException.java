package dev.minidocker.spec.json;

import java.io.IOException;

/**
 * JSON that cannot be read: text that is not JSON (the message names the line and column), or a
 * member that is not what its reader wants (the message names the member by its path,
 * {@code process.user.uid}). Callers put what they were reading in front.
 */
public final class JsonException extends IOException {
    public JsonException(String message) {
        super(message);
    }
}
