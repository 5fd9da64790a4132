package dev.minidocker.puller.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.store.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials in Docker's {@code config.json} ({@code ~/.docker}, or {@code $DOCKER_CONFIG}):
 * {@code auths.<registry>.auth} is base64 of {@code user:password}, Docker Hub's key is
 * {@code https://index.docker.io/v1/}. {@code credHelpers}/{@code credsStore} helpers are asked first when
 * installed. Writes replace the file atomically with mode 0600 and keep every other key as it was.
 */
public final class CredentialStore implements CredentialSource {
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final String FILE = "config.json";

    private final Path dir;
    private final List<Path> searchPath;

    /** The store in {@code configDir} (the directory holding config.json), with helpers looked up on $PATH. */
    public CredentialStore(Path configDir) {
        this(configDir, Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(Path::of).toList());
    }

    CredentialStore(Path configDir, List<Path> helperSearchPath) {
        this.dir = configDir;
        this.searchPath = List.copyOf(helperSearchPath);
    }

    /** {@code $DOCKER_CONFIG}, else {@code ~/.docker}. */
    public static CredentialStore fromEnvironment() {
        String override = System.getenv("DOCKER_CONFIG");
        Path dir = override != null && !override.isEmpty() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".docker");
        return new CredentialStore(dir);
    }

    public Path configFile() {
        return dir.resolve(FILE);
    }

    /** The credentials for {@code registry} ({@code docker.io}, {@code localhost:5000}), or empty. */
    public Optional<Credentials> get(String registry) throws RegistryException {
        ObjectNode root = read("read credentials " + configFile());
        String helper = entryFor(root.path("credHelpers"), registry).map(n -> n.asText("")).orElse("");
        if (helper.isEmpty()) {
            helper = root.path("credsStore").asText("");
        }
        Optional<Credentials> fromHelper = CredentialHelper.find(helper, searchPath)
                .flatMap(h -> h.get(keyFor(registry)));
        if (fromHelper.isPresent()) {
            return fromHelper;
        }
        Optional<JsonNode> entry = entryFor(root.path("auths"), registry);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String auth = entry.get().path("auth").asText("");
        String user = entry.get().path("username").asText("");
        try {
            if (!auth.isEmpty()) {
                return Optional.of(Credentials.fromBase64(auth));
            }
            return user.isEmpty() ? Optional.empty()
                    : Optional.of(new Credentials(user, entry.get().path("password").asText("")));
        } catch (IllegalArgumentException e) {
            throw new RegistryException("read credentials " + configFile(),
                    "auths entry of " + registry + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<Credentials> lookup(String registry) throws RegistryException {
        return get(registry);
    }

    /** Saves {@code credentials} under {@code registry}'s key, as {@code docker login} does. */
    public void put(String registry, Credentials credentials) throws RegistryException {
        String action = "save credentials " + configFile();
        ObjectNode root = read(action);
        JsonNode auths = root.get("auths");
        ObjectNode entries = auths instanceof ObjectNode o ? o : root.putObject("auths");
        entries.putObject(keyFor(registry)).put("auth", credentials.base64());
        write(root, action);
    }

    /** Forgets every entry for {@code registry}; false when there was none. */
    public boolean remove(String registry) throws RegistryException {
        String action = "remove credentials " + configFile();
        ObjectNode root = read(action);
        if (!(root.get("auths") instanceof ObjectNode auths)) {
            return false;
        }
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : auths.properties()) {
            if (hostOfKey(e.getKey()).equals(hostOfKey(registry))) {
                keys.add(e.getKey());
            }
        }
        if (keys.isEmpty()) {
            return false;
        }
        auths.remove(keys);
        write(root, action);
        return true;
    }

    /** The key Docker writes for {@code registry}: Docker Hub's historic URL, else the registry itself. */
    static String keyFor(String registry) {
        return hostOfKey(registry).equals("docker.io") ? DOCKER_HUB_KEY : registry;
    }

    /** The registry a config key names: scheme and path dropped, Docker Hub's aliases made one. */
    static String hostOfKey(String key) {
        String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        host = (slash >= 0 ? host.substring(0, slash) : host).toLowerCase(Locale.ROOT);
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> host;
        };
    }

    /** The entry of {@code node} for {@code registry}: its own key first, then any key naming the same host. */
    private static Optional<JsonNode> entryFor(JsonNode node, String registry) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        if (node.has(keyFor(registry))) {
            return Optional.of(node.get(keyFor(registry)));
        }
        String host = hostOfKey(registry);
        return node.properties().stream().filter(e -> hostOfKey(e.getKey()).equals(host))
                .map(Map.Entry::getValue).findFirst();
    }

    private ObjectNode read(String action) throws RegistryException {
        try {
            byte[] bytes = Files.readAllBytes(configFile());
            JsonNode root = bytes.length == 0 ? null : RegistryJson.mapper().readTree(bytes);
            if (root == null || root.isMissingNode()) {
                return RegistryJson.mapper().createObjectNode();
            }
            if (root instanceof ObjectNode object) {
                return object;
            }
            throw new RegistryException(action, "not a JSON object");
        } catch (NoSuchFileException e) {
            return RegistryJson.mapper().createObjectNode();
        } catch (IOException e) {
            throw new RegistryException(action, e.getMessage(), e);
        }
    }

    private void write(ObjectNode root, String action) throws RegistryException {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            // the temp file is created 0600, so the credentials are never readable by others
            AtomicFiles.write(configFile(), RegistryJson.mapper().writeValueAsBytes(root), dir);
        } catch (IOException e) {
            throw new RegistryException(action, e.getMessage(), e);
        }
    }
}
