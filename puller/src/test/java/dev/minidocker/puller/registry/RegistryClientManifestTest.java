package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryClientManifestTest {
    private MockRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new MockRegistry();
        client = registry.anonymousClient();
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    private static MockResponse manifest(String body, String contentType) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", contentType).body(body).build();
    }

    @Test
    void fetchesTheExactBytesWithEveryAcceptedTypeOverPlainHttp() throws Exception {
        String body = MockRegistry.resource("oci-index.json");
        registry.enqueue(manifest(body, MediaTypes.OCI_INDEX));

        Manifests.Fetched fetched = client.getManifest(registry.ref("library/busybox:1.36"));

        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), fetched.body());
        assertEquals(MediaTypes.OCI_INDEX, fetched.mediaType());
        assertEquals(Digest.of(fetched.body()), fetched.digest());
        RecordedRequest request = registry.take();
        assertEquals("GET", request.getMethod());
        assertEquals("http", request.getUrl().scheme());
        assertEquals("/v2/library/busybox/manifests/1.36", request.getUrl().encodedPath());
        String accept = request.getHeaders().get("Accept");
        for (String type : new String[] {MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_LIST,
                MediaTypes.DOCKER_MANIFEST}) {
            assertTrue(accept.contains(type), accept);
        }
    }

    @Test
    void contentTypeParametersAreIgnored() throws Exception {
        registry.enqueue(manifest(MockRegistry.resource("docker-manifest.json"),
                MediaTypes.DOCKER_MANIFEST + "; charset=utf-8"));

        assertEquals(MediaTypes.DOCKER_MANIFEST, client.getManifest(registry.ref("app:1")).mediaType());
    }

    @Test
    void byDigestChecksTheDigest() throws Exception {
        String body = MockRegistry.resource("docker-manifest.json");
        Digest good = Digest.of(body.getBytes(StandardCharsets.UTF_8));
        registry.enqueue(manifest(body, MediaTypes.DOCKER_MANIFEST));
        ImageReference byDigest = ImageReference.parse(registry.registry() + "/app@" + good);

        assertEquals(good, client.getManifest(byDigest).digest());
        assertEquals("/v2/app/manifests/" + good, registry.take().getUrl().encodedPath());
    }

    @Test
    void digestMismatchIsRefused() {
        String body = MockRegistry.resource("docker-manifest.json");
        Digest other = Digest.of("something else".getBytes(StandardCharsets.UTF_8));
        registry.enqueue(manifest(body, MediaTypes.DOCKER_MANIFEST));
        ImageReference byDigest = ImageReference.parse(registry.registry() + "/app@" + other);

        RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(byDigest));
        assertEquals("pull manifest " + byDigest + ": digest mismatch, got "
                + Digest.of(body.getBytes(StandardCharsets.UTF_8)), e.getMessage());
    }

    @Test
    void schema1IsRefused() {
        registry.enqueue(manifest(MockRegistry.resource("schema1-signed.json"), MediaTypes.DOCKER_SCHEMA1_SIGNED));

        RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(registry.ref("old:1")));
        assertTrue(e.getMessage().startsWith("pull manifest " + registry.registry()
                + "/old:1: image manifest schema 1 is not supported"), e.getMessage());
    }

    @Test
    void schema1IsRefusedEvenWhenServedAsJson() {
        registry.enqueue(manifest(MockRegistry.resource("schema1-signed.json"), "application/json"));

        RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(registry.ref("old:1")));
        assertTrue(e.detail().contains("schema 1"), e.getMessage());
    }

    @Test
    void contentTypeThatContradictsTheBodyIsRefused() {
        registry.enqueue(manifest(MockRegistry.resource("oci-index.json"), MediaTypes.OCI_MANIFEST));

        RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(registry.ref("a:1")));
        assertEquals("Content-Type " + MediaTypes.OCI_MANIFEST + " disagrees with the manifest's mediaType "
                + MediaTypes.OCI_INDEX, e.detail());
    }

    @Test
    void genericContentTypeFallsBackToTheBodyMediaType() throws Exception {
        registry.enqueue(manifest(MockRegistry.resource("oci-index.json"), "application/json"));

        assertEquals(MediaTypes.OCI_INDEX, client.getManifest(registry.ref("a:1")).mediaType());
    }

    @Test
    void manifestUnknownIsMappedToAClearMessage() {
        registry.enqueue(404, MockRegistry.resource("manifest-unknown.json"));
        ImageReference ref = registry.ref("library/nope:latest");

        RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(ref));

        assertEquals("pull manifest " + ref + ": manifest unknown (MANIFEST_UNKNOWN)", e.getMessage());
        assertEquals(404, e.status());
        assertEquals(Optional.of("MANIFEST_UNKNOWN"), e.code());
        assertTrue(e.isNotFound());
        assertEquals(1, registry.server.getRequestCount(), "a 404 is not retried");
    }

    @Test
    void tooManyRequestsWithALongRetryAfterIsNotWaitedFor() {
        registry.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600")
                .body(MockRegistry.resource("toomanyrequests.json")).build());

        RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(registry.ref("a:1")));

        assertTrue(e.detail().startsWith("toomanyrequests: You have reached your pull rate limit."), e.detail());
        assertEquals(Optional.of("TOOMANYREQUESTS"), e.code());
        assertEquals(1, registry.server.getRequestCount());
    }

    @Test
    void tooManyRequestsWithAShortRetryAfterIsRetried() throws Exception {
        registry.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0")
                .body(MockRegistry.resource("toomanyrequests.json")).build());
        registry.enqueue(manifest(MockRegistry.resource("oci-index.json"), MediaTypes.OCI_INDEX));

        assertEquals(MediaTypes.OCI_INDEX, client.getManifest(registry.ref("a:1")).mediaType());
        assertEquals(2, registry.server.getRequestCount());
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() throws Exception {
        registry.enqueue(503, "");
        registry.enqueue(500, "");
        registry.enqueue(manifest(MockRegistry.resource("oci-index.json"), MediaTypes.OCI_INDEX));

        assertEquals(MediaTypes.OCI_INDEX, client.getManifest(registry.ref("a:1")).mediaType());
        assertEquals(3, registry.server.getRequestCount());
    }

    @Test
    void serverErrorsGiveUpAfterMaxAttempts() {
        for (int i = 0; i < MockRegistry.FAST_RETRY.maxAttempts(); i++) {
            registry.enqueue(new MockResponse.Builder().code(502).status("HTTP/1.1 502 Bad Gateway").build());
        }

        RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(registry.ref("a:1")));

        assertEquals("HTTP 502 Bad Gateway", e.detail());
        assertEquals(502, e.status());
        assertEquals(MockRegistry.FAST_RETRY.maxAttempts(), registry.server.getRequestCount());
    }

    @Test
    void unreachableRegistryNamesTheRequest() throws Exception {
        String gone = registry.registry();
        registry.close();
        ImageReference ref = ImageReference.parse(gone + "/a:1");

        RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(ref));

        assertTrue(e.getMessage().startsWith("pull manifest " + ref + ": GET http://" + gone
                + "/v2/a/manifests/1: "), e.getMessage());
        assertEquals(0, e.status());
    }

    @Test
    void headReturnsTheDockerContentDigest() throws Exception {
        Digest digest = Digest.of("x".getBytes(StandardCharsets.UTF_8));
        registry.enqueue(new MockResponse.Builder().code(200).addHeader("Docker-Content-Digest", digest.toString())
                .addHeader("Content-Type", MediaTypes.OCI_INDEX).build());
        registry.enqueue(new MockResponse.Builder().code(200).build());

        assertEquals(Optional.of(digest), client.headManifest(registry.ref("a:1")));
        assertEquals(Optional.empty(), client.headManifest(registry.ref("a:1")));
        RecordedRequest head = registry.take();
        assertEquals("HEAD", head.getMethod());
        assertTrue(head.getHeaders().get("Accept").contains(MediaTypes.OCI_INDEX));
    }

    @Test
    void headOfAMissingManifestIsNotFound() {
        registry.enqueue(404, "");

        RegistryException e = assertThrows(RegistryException.class, () -> client.headManifest(registry.ref("a:1")));

        assertTrue(e.isNotFound());
        assertEquals("check manifest " + registry.registry() + "/a:1: not found (HTTP 404)", e.getMessage());
    }
}
