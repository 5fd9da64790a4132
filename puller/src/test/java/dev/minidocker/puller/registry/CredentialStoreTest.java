package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    private static final Credentials ALICE = new Credentials("alice", "pa:ss");

    @TempDir
    Path dir;

    private CredentialStore store() {
        return new CredentialStore(dir, List.of(dir.resolve("bin")));
    }

    private void config(String json) throws Exception {
        Files.writeString(dir.resolve("config.json"), json);
    }

    private JsonNode saved() throws Exception {
        return new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("config.json")));
    }

    @Test
    void readsBase64AuthAndDockerHubKey() throws Exception {
        config("""
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "%s"},
                  "localhost:5000": {"auth": "%s"},
                  "https://registry.example.com/v2/": {"username": "bob", "password": "pw"}
                }}""".formatted(ALICE.base64(), new Credentials("carol", "x").base64()));

        assertEquals(Optional.of(ALICE), store().get("docker.io"));
        assertEquals(Optional.of(new Credentials("carol", "x")), store().get("localhost:5000"));
        assertEquals(Optional.of(new Credentials("bob", "pw")), store().get("registry.example.com"));
        assertEquals(Optional.empty(), store().get("localhost:5001"));
    }

    @Test
    void missingConfigMeansNoCredentials() throws Exception {
        assertEquals(Optional.empty(), store().get("docker.io"));
    }

    @Test
    void malformedAuthIsReported() throws Exception {
        config("{\"auths\":{\"localhost:5000\":{\"auth\":\"bm8gY29sb24=\"}}}");

        RegistryException e = assertThrows(RegistryException.class, () -> store().get("localhost:5000"));
        assertEquals("read credentials " + dir.resolve("config.json")
                + ": auths entry of localhost:5000: auth is not base64 of user:password", e.getMessage());
    }

    @Test
    void putWritesMode0600AndKeepsOtherKeys() throws Exception {
        config("{\"psFormat\":\"table {{.ID}}\",\"auths\":{\"other:1\":{\"auth\":\"" + ALICE.base64() + "\"}}}");

        store().put("localhost:5000", new Credentials("dave", "pw"));
        store().put("docker.io", ALICE);

        JsonNode root = saved();
        assertEquals("table {{.ID}}", root.path("psFormat").asText());
        assertEquals(ALICE.base64(), root.path("auths").path("other:1").path("auth").asText());
        assertEquals(new Credentials("dave", "pw").base64(),
                root.path("auths").path("localhost:5000").path("auth").asText());
        assertEquals(ALICE.base64(), root.path("auths").path(CredentialStore.DOCKER_HUB_KEY).path("auth").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("config.json"))));
        assertEquals(List.of("config.json"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void putCreatesTheDirectory() throws Exception {
        Path nested = dir.resolve("new/.docker");
        CredentialStore store = new CredentialStore(nested, List.of());

        store.put("localhost:5000", ALICE);

        assertEquals(Optional.of(ALICE), store.get("localhost:5000"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
    }

    @Test
    void removeForgetsEverySpellingOfTheRegistry() throws Exception {
        config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + ALICE.base64() + "\"},"
                + "\"docker.io\":{\"auth\":\"" + ALICE.base64() + "\"},"
                + "\"localhost:5000\":{\"auth\":\"" + ALICE.base64() + "\"}},\"credsStore\":\"\"}");

        assertTrue(store().remove("docker.io"));
        assertFalse(store().remove("docker.io"));

        JsonNode root = saved();
        assertEquals(List.of("localhost:5000"), root.path("auths").properties().stream().map(java.util.Map.Entry::getKey).toList());
        assertTrue(root.has("credsStore"));
        assertEquals(Optional.empty(), store().get("docker.io"));
    }

    @Test
    void credentialHelperIsAskedFirst() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path helper = bin.resolve("docker-credential-fake");
        Files.writeString(helper, """
                #!/bin/sh
                [ "$1" = get ] || exit 1
                read server
                [ "$server" = "localhost:5000" ] || { echo "credentials not found in native keychain"; exit 1; }
                echo '{"ServerURL":"localhost:5000","Username":"helper-user","Secret":"helper-secret"}'
                """);
        helper.toFile().setExecutable(true);
        config("{\"credHelpers\":{\"localhost:5000\":\"fake\"},\"credsStore\":\"fake\","
                + "\"auths\":{\"localhost:5001\":{\"auth\":\"" + ALICE.base64() + "\"}}}");

        assertEquals(Optional.of(new Credentials("helper-user", "helper-secret")), store().get("localhost:5000"));
        assertEquals(Optional.of(ALICE), store().get("localhost:5001"), "a helper without them falls back");
    }

    @Test
    void missingHelperIsIgnored() throws Exception {
        config("{\"credsStore\":\"desktop\",\"auths\":{\"localhost:5000\":{\"auth\":\"" + ALICE.base64() + "\"}}}");

        assertEquals(Optional.of(ALICE), store().get("localhost:5000"));
        assertEquals(Optional.empty(), store().get("docker.io"));
    }

    @Test
    void keysOfRegistries() {
        assertEquals(CredentialStore.DOCKER_HUB_KEY, CredentialStore.keyFor("docker.io"));
        assertEquals(CredentialStore.DOCKER_HUB_KEY, CredentialStore.keyFor("index.docker.io"));
        assertEquals("localhost:5000", CredentialStore.keyFor("localhost:5000"));
        assertEquals("docker.io", CredentialStore.hostOfKey("https://index.docker.io/v1/"));
        assertEquals("ghcr.io", CredentialStore.hostOfKey("https://ghcr.io"));
        assertEquals("localhost:5000", CredentialStore.hostOfKey("http://localhost:5000/v2/"));
    }

    @Test
    void passwordsStayOutOfToString() {
        assertEquals("Credentials[username=alice, password=***]", ALICE.toString());
    }
}
