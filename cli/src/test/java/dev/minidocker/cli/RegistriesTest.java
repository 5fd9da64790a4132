package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistriesTest {
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "docker.io", "index.docker.io", "registry-1.docker.io",
        "https://index.docker.io/v1/"})
    void dockerHubByAnyOfItsNames(String server) {
        assertEquals("docker.io", Registries.serverName(server));
    }

    @ParameterizedTest
    @CsvSource({
        "localhost:5000, localhost:5000",
        "https://localhost:5000/v2/, localhost:5000",
        "http://registry.lan:5000, registry.lan:5000",
        "ghcr.io, ghcr.io",
        "ghcr.io/owner/repo, ghcr.io",
        "' quay.io ', quay.io",
    })
    void otherRegistriesByHostAndPort(String server, String name) {
        assertEquals(name, Registries.serverName(server));
    }
}
