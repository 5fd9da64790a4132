package dev.minidocker.puller.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper, {@code docker-credential-<name> get}: the server URL on stdin,
 * {@code {"Username":..,"Secret":..}} on stdout. A helper that is not installed, fails or times out
 * yields nothing, as if it had no credentials.
 */
final class CredentialHelper {
    private static final long TIMEOUT_SECONDS = 30;

    private final Path executable;

    private CredentialHelper(Path executable) {
        this.executable = executable;
    }

    /** The helper {@code docker-credential-<name>} found in one of {@code searchPath}'s directories. */
    static Optional<CredentialHelper> find(String name, List<Path> searchPath) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            return Optional.empty();
        }
        return searchPath.stream()
                .map(dir -> dir.resolve("docker-credential-" + name))
                .filter(Files::isExecutable)
                .findFirst()
                .map(CredentialHelper::new);
    }

    /** The credentials the helper holds for {@code serverUrl}, or empty. */
    Optional<Credentials> get(String serverUrl) {
        Process process = null;
        try {
            process = new ProcessBuilder(executable.toString(), "get")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
            }
            // a helper's answer is a few hundred bytes: it fits the pipe, so waiting first cannot deadlock
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            byte[] stdout = process.getInputStream().readNBytes(64 * 1024);
            JsonNode json = RegistryJson.mapper().readTree(stdout);
            String user = json == null ? "" : json.path("Username").asText("");
            String secret = json == null ? "" : json.path("Secret").asText("");
            return user.isEmpty() || secret.isEmpty() ? Optional.empty() : Optional.of(new Credentials(user, secret));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
