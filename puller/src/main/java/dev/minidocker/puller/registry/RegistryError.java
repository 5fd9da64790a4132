package dev.minidocker.puller.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One entry of a registry error body, {@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":"..."}]}}
 * (token servers also answer {@code {"details":"..."}}).
 *
 * @param code the error code, or null when the body has only a message
 * @param message the message, possibly empty
 */
record RegistryError(String code, String message) {

    /** The errors of a response body; empty when the body is not a registry error document. */
    static List<RegistryError> parse(byte[] body) {
        List<RegistryError> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = body.length == 0 ? null : RegistryJson.mapper().readTree(body);
        } catch (IOException e) {
            return errors;
        }
        if (root == null || !root.isObject()) {
            return errors;
        }
        for (JsonNode error : root.path("errors")) {
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            if (!code.isEmpty() || !message.isEmpty()) {
                errors.add(new RegistryError(code.isEmpty() ? null : code, message));
            }
        }
        String details = root.path("details").asText("");
        if (errors.isEmpty() && !details.isEmpty()) {
            errors.add(new RegistryError(null, details));
        }
        return errors;
    }

    /**
     * The detail of a failed response as users read it, after Docker: {@code code in words: message},
     * or {@code code in words (CODE)} when the message only repeats the code, e.g.
     * {@code unauthorized: authentication required}, {@code manifest unknown (MANIFEST_UNKNOWN)}.
     */
    static String describe(List<RegistryError> errors, int status, String reason) {
        if (errors.isEmpty()) {
            return describeStatus(status, reason);
        }
        String detail = errors.stream().map(RegistryError::describe).collect(Collectors.joining("; "));
        boolean saysWhy = errors.getFirst().code() != null;
        return status == 401 && !saysWhy ? "unauthorized: " + detail : detail;
    }

    String describe() {
        if (code == null) {
            return message;
        }
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        if (message.isEmpty() || message.equalsIgnoreCase(words)) {
            return words + " (" + code + ")";
        }
        return words + ": " + message;
    }

    private static String describeStatus(int status, String reason) {
        return switch (status) {
            case 401 -> "unauthorized: authentication required";
            case 403 -> "denied: access forbidden";
            case 404 -> "not found (HTTP 404)";
            case 429 -> "toomanyrequests: too many requests (HTTP 429)";
            default -> "HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason);
        };
    }
}
