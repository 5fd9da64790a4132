package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RegistryEndpointTest {
    @Test
    void dockerHubIsHttpsAtRegistry1() throws Exception {
        assertEquals("https://registry-1.docker.io/", RegistryEndpoint.baseUrl("docker.io", Set.of(), null).toString());
    }

    @Test
    void loopbackIsPlainHttp() throws Exception {
        assertEquals("http://localhost:5000/", RegistryEndpoint.baseUrl("localhost:5000", Set.of(), null).toString());
        assertEquals("http://127.0.0.1:5000/", RegistryEndpoint.baseUrl("127.0.0.1:5000", Set.of(), null).toString());
        assertEquals("http://[::1]:5000/", RegistryEndpoint.baseUrl("[::1]:5000", Set.of(), null).toString());
        assertTrue(RegistryEndpoint.isPlainHttp("127.3.2.1", Set.of()));
        assertTrue(RegistryEndpoint.isPlainHttp("localhost", Set.of()));
    }

    @Test
    void aCaInCertsDirMeansTlsEvenOnLoopback(@org.junit.jupiter.api.io.TempDir java.nio.file.Path certs)
            throws Exception {
        java.nio.file.Files.createDirectories(certs.resolve("127.0.0.1:5000"));
        assertEquals("http://127.0.0.1:5000/", RegistryEndpoint.baseUrl("127.0.0.1:5000", Set.of(), certs).toString());
        java.nio.file.Files.writeString(certs.resolve("127.0.0.1:5000/ca.crt"), "not parsed here");
        assertEquals("https://127.0.0.1:5000/", RegistryEndpoint.baseUrl("127.0.0.1:5000", Set.of(), certs).toString());
    }

    @Test
    void insecureRegistriesByHostOrHostAndPort() {
        assertTrue(RegistryEndpoint.isPlainHttp("registry.lan:5000", Set.of("registry.lan:5000")));
        assertTrue(RegistryEndpoint.isPlainHttp("registry.lan:5000", Set.of("registry.lan")));
        assertFalse(RegistryEndpoint.isPlainHttp("registry.lan:5000", Set.of("registry.lan:6000")));
        assertFalse(RegistryEndpoint.isPlainHttp("ghcr.io", Set.of()));
        assertFalse(RegistryEndpoint.isPlainHttp("128.0.0.1", Set.of()));
        assertFalse(RegistryEndpoint.isPlainHttp("localhost.example.com", Set.of()));
    }

    @Test
    void authorityAsCertsDirNamesIt() {
        assertEquals("ghcr.io", RegistryEndpoint.authority(HttpUrl.get("https://ghcr.io/v2/")));
        assertEquals("registry.lan:5000", RegistryEndpoint.authority(HttpUrl.get("https://registry.lan:5000/")));
        assertEquals("[::1]:5000", RegistryEndpoint.authority(HttpUrl.get("https://[::1]:5000/")));
    }
}
