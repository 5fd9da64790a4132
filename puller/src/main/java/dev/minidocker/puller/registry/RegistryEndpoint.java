package dev.minidocker.puller.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Where a registry's API lives: https, or plain http for loopback and insecure registries. */
final class RegistryEndpoint {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private RegistryEndpoint() {
    }

    /** The host (and port) that serves {@code registry}'s API: Docker Hub's is registry-1.docker.io. */
    static String apiHost(String registry) {
        return switch (registry) {
            case "docker.io", "index.docker.io" -> "registry-1.docker.io";
            default -> registry;
        };
    }

    /**
     * {@code https://<apiHost>/}, or {@code http://} when the registry is loopback or listed as
     * insecure, unless certs.d holds a CA for it: a CA there says the registry speaks TLS.
     */
    static HttpUrl baseUrl(String registry, Set<String> insecureRegistries, Path certsDir) throws RegistryException {
        boolean plain = isPlainHttp(registry, insecureRegistries) && !hasCertificates(certsDir, registry);
        String scheme = plain ? "http" : "https";
        HttpUrl url = HttpUrl.parse(scheme + "://" + apiHost(registry) + "/");
        if (url == null) {
            throw new RegistryException("reach registry " + registry, "not a valid host[:port]");
        }
        return url;
    }

    private static boolean hasCertificates(Path certsDir, String registry) {
        if (certsDir == null) {
            return false;
        }
        try (var files = Files.newDirectoryStream(certsDir.resolve(registry), "*.crt")) {
            return files.iterator().hasNext();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    static boolean isPlainHttp(String registry, Set<String> insecureRegistries) {
        String host = hostOf(registry);
        return isLoopback(host) || insecureRegistries.contains(registry) || insecureRegistries.contains(host);
    }

    /** The host of {@code host[:port]}, without the brackets of an IPv6 literal. */
    static String hostOf(String registry) {
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            return close > 0 ? registry.substring(1, close) : registry;
        }
        int colon = registry.indexOf(':');
        return colon >= 0 && colon == registry.lastIndexOf(':') ? registry.substring(0, colon) : registry;
    }

    /** localhost, 127.0.0.0/8 or ::1, judged by name only (no DNS lookup). */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches() || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /** {@code host:port} of a URL as named in certs.d: the port is left out when it is the scheme's default. */
    static String authority(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }
}
