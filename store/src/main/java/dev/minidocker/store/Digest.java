package dev.minidocker.store;

import dev.minidocker.linux.Sha256;
import dev.minidocker.spec.json.JsonWritable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm:hex}; only sha256 is accepted, as every registry serves it.
 * In JSON it is its wire string; read it with {@link #parse}.
 */
public record Digest(String algorithm, String hex) implements JsonWritable {
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (!"sha256".equals(algorithm)) {
            throw new IllegalArgumentException("unsupported digest algorithm \"" + algorithm + "\" (only sha256)");
        }
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid sha256 digest \"" + hex + "\": want 64 lowercase hex digits");
        }
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid digest \"" + text + "\": want sha256:<64 hex digits>");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The digest of these bytes. */
    public static Digest of(byte[] bytes) {
        return fromSha256(newSha256().digest(bytes));
    }

    /** The digest finished by this hash. */
    public static Digest of(Sha256 finished) {
        return fromSha256(finished.digest());
    }

    /** A new SHA-256 hash for streams: libcrypto's where it is, which is many times the JDK's speed. */
    public static Sha256 sha256() {
        return Sha256.create();
    }

    private static Digest fromSha256(byte[] sha256) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The first 12 hex digits, as Docker shows image and container ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public String toJson() {
        return toString();
    }
}
