package dev.minidocker.puller.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry user name and password (or token); {@link #toString()} never shows the password. */
public record Credentials(String username, String password) {
    public Credentials {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("credentials need a user name");
        }
        if (password == null) {
            throw new IllegalArgumentException("credentials need a password");
        }
    }

    /** {@code base64(user:password)}, as in an Authorization header and Docker's {@code auths.<host>.auth}. */
    public String base64() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes an {@code auth} value; throws IllegalArgumentException when it is not base64 of user:password. */
    public static Credentials fromBase64(String auth) {
        String pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("auth is not base64 of user:password");
        }
        return new Credentials(pair.substring(0, colon), pair.substring(colon + 1));
    }

    /** The value of an {@code Authorization} header for HTTP Basic. */
    String basicAuthorization() {
        return "Basic " + base64();
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
