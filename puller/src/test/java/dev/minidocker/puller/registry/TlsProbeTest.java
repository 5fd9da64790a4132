package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.ImageReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TlsProbeTest {
    /** What Go's net/http answers a plain request on a TLS port, as the distribution registry does. */
    private static final String GO_TLS_ANSWER = "Client sent an HTTP request to an HTTPS server.\n";

    private MockRegistry registry;
    private RegistryTransport transport;

    @BeforeEach
    void start() throws IOException {
        registry = new MockRegistry();
        transport = new RegistryTransport(Path.of("/nonexistent/certs.d"));
    }

    @AfterEach
    void stop() {
        transport.close();
        registry.close();
    }

    /** Asks the mock registry's /v2/ over plain http and tells what the probe makes of the answer. */
    private boolean refusesHttp(int code, String body) throws Exception {
        registry.enqueue(code, body);
        Request request = new Request.Builder().url(registry.server.url("/v2/")).build();
        try (Response response = transport.execute(request)) {
            boolean tls = TlsProbe.isTlsServerRefusingHttp(request, response);
            assertEquals(body, response.body().string(), "the probe leaves the body for the caller's error");
            return tls;
        }
    }

    @Test
    void aTlsServersAnswerToPlainHttpMeansTls() throws Exception {
        assertTrue(refusesHttp(400, GO_TLS_ANSWER));
    }

    @Test
    void anotherBadRequestIsNotTls() throws Exception {
        assertFalse(refusesHttp(400, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"bad request\"}]}"));
    }

    @Test
    void aRegistryAnsweringPlainHttpIsNotTls() throws Exception {
        assertFalse(refusesHttp(200, "{}"));
        assertFalse(refusesHttp(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"));
    }

    @Test
    void anAnswerOverHttpsIsNotTheProbes() throws Exception {
        registry.enqueue(400, GO_TLS_ANSWER);
        try (Response response = transport.execute(new Request.Builder().url(registry.server.url("/v2/")).build())) {
            Request https = new Request.Builder().url(registry.server.url("/v2/").newBuilder().scheme("https").build())
                    .build();
            assertFalse(TlsProbe.isTlsServerRefusingHttp(https, response));
        }
    }

    @Test
    void theClientAsksAgainOverHttps() throws Exception {
        try (GoTlsPort server = new GoTlsPort(); RegistryClient client = registry.anonymousClient()) {
            ImageReference ref = ImageReference.parse("localhost:" + server.port() + "/app:1");
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(ref));
            assertEquals(1, server.plainRequests.get(), "asked once over plain http");
            assertTrue(server.tlsHandshakes.get() > 0, "then over https");
            // This port's TLS side hangs up at once: the https call's failure is what the user reads.
            assertTrue(e.getMessage().startsWith("pull manifest " + ref + ": GET https://localhost:" + server.port()
                    + "/v2/app/manifests/1: "), e.getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsReportedOverPlainHttp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ImageReference ref = ImageReference.parse("localhost:" + closedPort + "/app:1");
        try (RegistryClient client = registry.anonymousClient()) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(ref));
            assertTrue(e.getMessage().startsWith("pull manifest " + ref + ": GET http://localhost:" + closedPort
                    + "/v2/app/manifests/1: "), e.getMessage());
        }
    }

    /**
     * A port that answers as Go's TLS servers do: a plain HTTP request gets Go's 400 and the
     * connection is closed; a TLS handshake is counted and hung up on.
     */
    private static final class GoTlsPort implements AutoCloseable {
        final AtomicInteger plainRequests = new AtomicInteger();
        final AtomicInteger tlsHandshakes = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        GoTlsPort() throws IOException {
            Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    if (in.read() == 0x16) { // a TLS record of type handshake
                        tlsHandshakes.incrementAndGet();
                        continue;
                    }
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1)).lines()
                            .takeWhile(line -> !line.isEmpty()).forEach(line -> { });
                    plainRequests.incrementAndGet();
                    connection.getOutputStream().write(("HTTP/1.0 400 Bad Request\r\n\r\n" + GO_TLS_ANSWER)
                            .getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException closed) {
                    // The test is over, or the client hung up.
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
