package dev.minidocker.puller.registry;

import java.time.Instant;

/** A bearer token from a token server and the instant it stops being valid. */
record BearerToken(String value, Instant expiresAt) {
    boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    String authorization() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "BearerToken[expiresAt=" + expiresAt + "]";
    }
}
