package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS registry whose certificate is signed by a CA that only certs.d knows (tls/ca.crt, tls/server.p12). */
class CaTrustTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path certsDir;

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("/registry/tls/server.p12")) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server.useHttps(tls.getSocketFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void installCa() throws Exception {
        Path dir = Files.createDirectories(certsDir.resolve("localhost:" + server.getPort()));
        try (InputStream in = getClass().getResourceAsStream("/registry/tls/ca.crt")) {
            Files.copy(in, dir.resolve("ca.crt"));
        }
    }

    private int get(RegistryTransport transport) throws Exception {
        Request request = new Request.Builder().url(server.url("/v2/")).build();
        try (Response response = transport.execute(request)) {
            return response.code();
        }
    }

    @Test
    void caFromCertsDirIsTrustedForItsRegistry() throws Exception {
        installCa();
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        try (RegistryTransport transport = new RegistryTransport(certsDir)) {
            assertEquals(200, get(transport));
        }
    }

    @Test
    void withoutTheCaTheHandshakeFails() {
        try (RegistryTransport transport = new RegistryTransport(certsDir)) {
            assertThrows(SSLHandshakeException.class, () -> get(transport));
        }
    }

    @Test
    void theJdkDefaultsStayTrusted() throws Exception {
        installCa();
        Optional<X509TrustManager> trust = CaTrust.forRegistry(certsDir, "localhost:" + server.getPort());

        assertTrue(trust.isPresent());
        var issuers = Arrays.stream(trust.get().getAcceptedIssuers())
                .map(c -> c.getSubjectX500Principal().getName()).toList();
        assertTrue(issuers.contains("CN=minidocker test CA"), "the extra CA");
        assertTrue(issuers.size() > 10, "and the JDK's cacerts: " + issuers.size());
    }

    @Test
    void noDirectoryMeansDefaultTrust() throws Exception {
        assertEquals(Optional.empty(), CaTrust.forRegistry(certsDir, "ghcr.io"));
        assertEquals(Optional.empty(), CaTrust.forRegistry(null, "ghcr.io"));
    }
}
