package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.Digest;
import dev.minidocker.store.oci.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryClientAuthTest {
    private static final String SCOPE = "repository:library/busybox:pull";
    private static final Credentials ALICE = new Credentials("alice", "s3cret");

    @TempDir
    Path dockerConfig;

    private MockRegistry registry;
    private final MockRegistry.ManualClock clock = new MockRegistry.ManualClock();

    @BeforeEach
    void start() throws Exception {
        registry = new MockRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient anonymous() {
        return registry.client(null, clock);
    }

    private RegistryClient withAlice() throws RegistryException {
        CredentialStore store = new CredentialStore(dockerConfig, List.of());
        store.put(registry.registry(), ALICE);
        return registry.client(store, clock);
    }

    private void enqueueManifest() {
        registry.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", MediaTypes.OCI_INDEX)
                .body(MockRegistry.resource("oci-index.json")).build());
    }

    private void pullManifest(RegistryClient client) throws RegistryException {
        assertEquals(MediaTypes.OCI_INDEX, client.getManifest(registry.ref("library/busybox:latest")).mediaType());
    }

    @Test
    void anonymousTokenFlow() throws Exception {
        registry.enqueueBearerChallenge(SCOPE);
        registry.enqueueToken("token", "anon-token", 300);
        enqueueManifest();

        try (RegistryClient client = anonymous()) {
            pullManifest(client);
        }

        assertNull(registry.take().getHeaders().get("Authorization"));
        RecordedRequest token = registry.take();
        HttpUrl url = token.getUrl();
        assertEquals("/token", url.encodedPath());
        assertEquals("mock-registry", url.queryParameter("service"));
        assertEquals(SCOPE, url.queryParameter("scope"));
        assertNull(url.queryParameter("account"));
        assertNull(token.getHeaders().get("Authorization"));
        assertEquals("Bearer anon-token", registry.take().getHeaders().get("Authorization"));
    }

    @Test
    void accessTokenIsAcceptedAndServiceMayBeAbsent() throws Exception {
        registry.enqueue(new MockResponse.Builder().code(401)
                .addHeader("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\"").build());
        registry.enqueueToken("access_token", "oauth-token", 300);
        enqueueManifest();

        try (RegistryClient client = anonymous()) {
            pullManifest(client);
        }

        registry.take();
        assertNull(registry.take().getUrl().queryParameter("service"));
        assertEquals("Bearer oauth-token", registry.take().getHeaders().get("Authorization"));
    }

    @ParameterizedTest(name = "expires_in {0} lasts {1} s")
    @CsvSource({"300, 300", "0, 60"})
    void tokenIsReusedUntilItExpires(long expiresIn, long lifetime) throws Exception {
        registry.enqueueBearerChallenge(SCOPE);
        registry.enqueueToken("token", "first", expiresIn);
        enqueueManifest();
        enqueueManifest();
        registry.enqueueToken("token", "second", expiresIn);
        enqueueManifest();

        try (RegistryClient client = anonymous()) {
            pullManifest(client);
            clock.advance(Duration.ofSeconds(lifetime - 1));
            pullManifest(client);
            clock.advance(Duration.ofSeconds(1));
            pullManifest(client);
        }

        registry.take();
        registry.take();
        assertEquals("Bearer first", registry.take().getHeaders().get("Authorization"));
        assertEquals("Bearer first", registry.take().getHeaders().get("Authorization"));
        assertEquals("/token", registry.take().getUrl().encodedPath());
        assertEquals("Bearer second", registry.take().getHeaders().get("Authorization"));
        assertEquals(6, registry.server.getRequestCount());
    }

    @Test
    void anotherRepositoryGetsItsOwnTokenWithoutAnother401() throws Exception {
        registry.enqueueBearerChallenge(SCOPE);
        registry.enqueueToken("token", "busybox", 300);
        enqueueManifest();
        registry.enqueueToken("token", "alpine", 300);
        enqueueManifest();

        try (RegistryClient client = anonymous()) {
            pullManifest(client);
            client.getManifest(registry.ref("library/alpine:3"));
        }

        for (int i = 0; i < 3; i++) {
            registry.take();
        }
        assertEquals("repository:library/alpine:pull", registry.take().getUrl().queryParameter("scope"));
        assertEquals("Bearer alpine", registry.take().getHeaders().get("Authorization"));
    }

    @Test
    void a401MidPullReauthenticates() throws Exception {
        byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
        registry.enqueueBearerChallenge(SCOPE);
        registry.enqueueToken("token", "first", 300);
        enqueueManifest();
        registry.enqueueBearerChallenge(SCOPE); // the registry revoked "first" early
        registry.enqueueToken("token", "second", 300);
        registry.enqueue(200, "layer bytes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (RegistryClient client = anonymous()) {
            pullManifest(client);
            client.getBlob(registry.ref("library/busybox:latest"), Digest.of(blob), 0, blob.length, out, n -> { });
        }

        assertEquals("layer bytes", out.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            registry.take();
        }
        assertEquals("Bearer first", registry.take().getHeaders().get("Authorization"));
        assertEquals("/token", registry.take().getUrl().encodedPath());
        assertEquals("Bearer second", registry.take().getHeaders().get("Authorization"));
    }

    @Test
    void storedCredentialsGoToTheTokenServer() throws Exception {
        registry.enqueueBearerChallenge(SCOPE);
        registry.enqueueToken("token", "alice-token", 300);
        enqueueManifest();

        try (RegistryClient client = withAlice()) {
            pullManifest(client);
        }

        registry.take();
        RecordedRequest token = registry.take();
        assertEquals(ALICE.basicAuthorization(), token.getHeaders().get("Authorization"));
        assertEquals("alice", token.getUrl().queryParameter("account"));
    }

    @Test
    void rejectedCredentialsAtTheTokenServer() throws Exception {
        registry.enqueueBearerChallenge(SCOPE);
        registry.enqueue(401, "{\"details\":\"incorrect username or password\"}");

        try (RegistryClient client = withAlice()) {
            RegistryException e = assertThrows(RegistryException.class, () -> pullManifest(client));
            assertEquals("pull manifest " + registry.registry() + "/library/busybox:latest: unauthorized:"
                    + " incorrect username or password", e.getMessage());
            assertTrue(e.isUnauthorized());
        }
    }

    @Test
    void anonymousTokenThatIsNotEnough() throws Exception {
        registry.enqueueBearerChallenge(SCOPE);
        registry.enqueueToken("token", "anon", 300);
        registry.enqueueBearerChallenge(SCOPE);

        try (RegistryClient client = anonymous()) {
            RegistryException e = assertThrows(RegistryException.class, () -> pullManifest(client));
            assertEquals("unauthorized: authentication required", e.detail());
            assertEquals(401, e.status());
        }
        assertEquals(3, registry.server.getRequestCount());
    }

    @Test
    void basicAuthSendsTheStoredCredentials() throws Exception {
        registry.enqueue(new MockResponse.Builder().code(401)
                .addHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\"").build());
        enqueueManifest();
        enqueueManifest();

        try (RegistryClient client = withAlice()) {
            pullManifest(client);
            pullManifest(client);
        }

        registry.take();
        assertEquals(ALICE.basicAuthorization(), registry.take().getHeaders().get("Authorization"));
        assertEquals(ALICE.basicAuthorization(), registry.take().getHeaders().get("Authorization"));
    }

    @Test
    void basicChallengeWithoutCredentials() throws Exception {
        registry.enqueue(new MockResponse.Builder().code(401)
                .addHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\"").build());

        try (RegistryClient client = anonymous()) {
            RegistryException e = assertThrows(RegistryException.class, () -> pullManifest(client));
            assertEquals("pull manifest " + registry.registry() + "/library/busybox:latest: unauthorized:"
                    + " authentication required", e.getMessage());
        }
        assertEquals(1, registry.server.getRequestCount());
    }

    @Test
    void loginCheckWithATokenServer() throws Exception {
        registry.enqueue(new MockResponse.Builder().code(401).addHeader("WWW-Authenticate",
                "Bearer realm=\"" + registry.url("/token") + "\",service=\"mock-registry\"").build());
        registry.enqueueToken("token", "login-token", 300);
        registry.enqueue(200, "{}");

        try (RegistryClient client = anonymous()) {
            client.checkLogin(registry.registry(), ALICE);
        }

        assertEquals("/v2/", registry.take().getUrl().encodedPath());
        RecordedRequest token = registry.take();
        assertEquals(ALICE.basicAuthorization(), token.getHeaders().get("Authorization"));
        assertNull(token.getUrl().queryParameter("scope"));
        assertEquals("Bearer login-token", registry.take().getHeaders().get("Authorization"));
    }

    @Test
    void loginCheckWithWrongBasicCredentials() throws Exception {
        for (int i = 0; i < 2; i++) {
            registry.enqueue(new MockResponse.Builder().code(401)
                    .addHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\"")
                    .body(MockRegistry.resource("unauthorized.json")).build());
        }

        try (RegistryClient client = anonymous()) {
            RegistryException e = assertThrows(RegistryException.class,
                    () -> client.checkLogin(registry.registry(), ALICE));
            assertEquals("login " + registry.registry() + ": unauthorized: authentication required", e.getMessage());
        }
        registry.take();
        assertEquals(ALICE.basicAuthorization(), registry.take().getHeaders().get("Authorization"));
    }
}
