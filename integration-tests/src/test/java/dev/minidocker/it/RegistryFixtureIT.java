package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The test registry itself: each mode starts, takes a push from skopeo, serves it, and stops clean. */
class RegistryFixtureIT {
    @RegisterExtension
    static final PushedImages BUILT = PushedImages.builtOnly();

    @ParameterizedTest
    @EnumSource(TestRegistry.Mode.class)
    void startsTakesAPushAndStopsClean(TestRegistry.Mode mode) {
        TestRegistry stopped;
        try (TestRegistry registry = TestRegistry.start(mode)) {
            BUILT.images().push(TestImages.BUSYBOX, registry);

            HttpResponse<String> tags = registry.get("/v2/busybox/tags/list");
            assertEquals(200, tags.statusCode(), tags.body());
            assertEquals("{\"name\":\"busybox\",\"tags\":[\"latest\"]}", tags.body().strip());
            stopped = registry;
        }
        assertFalse(stopped.isRunning(), "registry process still running");
        int port = Integer.parseInt(stopped.address().substring(stopped.address().indexOf(':') + 1));
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "something still listens on " + stopped.address());
    }

    @Test
    void basicAuthRegistryRefusesAnonymousClients() throws IOException, InterruptedException {
        try (TestRegistry registry = TestRegistry.start(TestRegistry.Mode.BASIC_AUTH);
                HttpClient anonymous = HttpClient.newHttpClient()) {
            HttpResponse<String> response = anonymous.send(
                    HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(401, response.statusCode());
            assertEquals(List.of("Basic realm=\"minidocker-test\""), response.headers().allValues("WWW-Authenticate"));
        }
    }
}
