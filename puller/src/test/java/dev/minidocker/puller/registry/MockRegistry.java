package dev.minidocker.puller.registry;

import dev.minidocker.store.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer posing as a registry on localhost, with helpers to script its answers. */
final class MockRegistry implements AutoCloseable {
    static final RetryPolicy FAST_RETRY = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofSeconds(2));

    final MockWebServer server = new MockWebServer();

    MockRegistry() throws IOException {
        server.start();
    }

    /** {@code localhost:<port>}: loopback, so spoken to over plain http. */
    String registry() {
        return "localhost:" + server.getPort();
    }

    ImageReference ref(String nameAndTag) {
        return ImageReference.parse(registry() + "/" + nameAndTag);
    }

    String url(String path) {
        return server.url(path).toString();
    }

    RegistryClient client(CredentialStore credentials, Clock clock) {
        return new RegistryClient(new RegistryOptions(Set.of(), Path.of("/nonexistent/certs.d"), credentials,
                FAST_RETRY, clock));
    }

    RegistryClient anonymousClient() {
        return client(null, Clock.systemUTC());
    }

    void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    void enqueue(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    /** A 401 with a Bearer challenge whose realm is this server's /token. */
    void enqueueBearerChallenge(String scope) {
        server.enqueue(new MockResponse.Builder().code(401)
                .addHeader("WWW-Authenticate", "Bearer realm=\"" + url("/token") + "\",service=\"mock-registry\","
                        + "scope=\"" + scope + "\"")
                .body(resource("unauthorized.json")).build());
    }

    void enqueueToken(String field, String token, long expiresIn) {
        String expiry = expiresIn > 0 ? ",\"expires_in\":" + expiresIn : "";
        enqueue(200, "{\"" + field + "\":\"" + token + "\"" + expiry + "}");
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the registry received no request");
        }
        return request;
    }

    static String resource(String name) {
        try (InputStream in = MockRegistry.class.getResourceAsStream("/registry/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /registry/" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** A clock that moves only when told to. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
