package dev.minidocker.cli;

import dev.minidocker.puller.registry.CredentialStore;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.puller.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/** Registry access as the commands configure it: Docker's credentials, certs.d, insecure registries. */
final class Registries {
    private Registries() {
    }

    static RegistryOptions options(List<String> insecureRegistries) {
        String certs = System.getenv("MINIDOCKER_CERTS_DIR");
        Path certsDir = certs == null || certs.isBlank() ? RegistryOptions.DEFAULT_CERTS_DIR : Path.of(certs);
        return new RegistryOptions(new HashSet<>(insecureRegistries), certsDir, CredentialStore.fromEnvironment(),
                null, null);
    }

    static RegistryClient client(List<String> insecureRegistries) {
        return new RegistryClient(options(insecureRegistries));
    }

    /**
     * The registry a login names, as Docker accepts it: {@code localhost:5000},
     * {@code https://localhost:5000/v2/}, or nothing for Docker Hub.
     */
    static String serverName(String server) {
        if (server == null || server.isBlank()) {
            return "docker.io";
        }
        String s = server.trim().replaceFirst("^[a-zA-Z]+://", "");
        int slash = s.indexOf('/');
        s = slash >= 0 ? s.substring(0, slash) : s;
        return s.equals("index.docker.io") || s.equals("registry-1.docker.io") ? "docker.io" : s;
    }
}
