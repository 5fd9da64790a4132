package dev.minidocker.puller.registry;

import dev.minidocker.puller.PullException;
import java.util.Optional;
import java.util.Set;

/**
 * A registry call that failed. The message reads {@code <action>: <detail>}, e.g.
 * {@code pull manifest docker.io/library/nope:latest: manifest unknown (MANIFEST_UNKNOWN)}; the HTTP status
 * and the registry's error code (from {@code {"errors":[{"code":..}]}}) are kept for callers that branch.
 */
public class RegistryException extends PullException {
    private static final Set<String> NOT_FOUND_CODES = Set.of("MANIFEST_UNKNOWN", "BLOB_UNKNOWN", "NAME_UNKNOWN");

    private final String action;
    private final String detail;
    private final int status;
    private final String code;

    public RegistryException(String action, String detail) {
        this(action, detail, 0, null, null);
    }

    public RegistryException(String action, String detail, Throwable cause) {
        this(action, detail, 0, null, cause);
    }

    public RegistryException(String action, String detail, int status, String code) {
        this(action, detail, status, code, null);
    }

    private RegistryException(String action, String detail, int status, String code, Throwable cause) {
        super(action + ": " + detail, cause);
        this.action = action;
        this.detail = detail;
        this.status = status;
        this.code = code;
    }

    /** What was being done, e.g. {@code pull blob sha256:ab.. of docker.io/library/busybox}. */
    public String action() {
        return action;
    }

    /** What went wrong, without the action. */
    public String detail() {
        return detail;
    }

    /** The HTTP status of the response that failed the call, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The first registry error code of the response ({@code MANIFEST_UNKNOWN}, {@code DENIED}...). */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** True when the registry says the manifest, blob or repository does not exist. */
    public boolean isNotFound() {
        return status == 404 || (code != null && NOT_FOUND_CODES.contains(code));
    }

    /** True when the registry refused the credentials (or the lack of them). */
    public boolean isUnauthorized() {
        return status == 401 || status == 403 || "UNAUTHORIZED".equals(code) || "DENIED".equals(code);
    }

    /** The same failure told as part of another action (a token fetch failing a manifest pull). */
    RegistryException during(String otherAction) {
        return new RegistryException(otherAction, detail, status, code, this);
    }
}
