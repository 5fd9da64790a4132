package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
    void stop() throws Exception {
        transport.close();
        registry.close();
    }

    private boolean probe() {
        return TlsProbe.speaksTls(transport, registry.server.url("/"));
    }

    @Test
    void aTlsServersAnswerToPlainHttpMeansTls() throws Exception {
        registry.enqueue(400, GO_TLS_ANSWER);
        assertTrue(probe());
        assertEquals("/v2/", registry.take().getUrl().encodedPath());
    }

    @Test
    void anotherBadRequestIsNotTls() {
        registry.enqueue(400, "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}");
        assertFalse(probe());
    }

    @Test
    void aRegistryAnsweringPlainHttpIsNotTls() {
        registry.enqueue(200, "{}");
        assertFalse(probe());
        registry.enqueue(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        assertFalse(probe());
    }

    @Test
    void aRefusedConnectionIsNotTls() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertFalse(TlsProbe.speaksTls(transport, HttpUrl.get("http://127.0.0.1:" + closedPort + "/")));
    }
}
