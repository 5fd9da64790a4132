package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryErrorTest {
    private static String describe(String body, int status) {
        return RegistryError.describe(RegistryError.parse(body.getBytes(StandardCharsets.UTF_8)), status, "");
    }

    @Test
    void cannedErrorBodies() {
        assertEquals("manifest unknown (MANIFEST_UNKNOWN)", describe(MockRegistry.resource("manifest-unknown.json"), 404));
        assertEquals("unauthorized: authentication required", describe(MockRegistry.resource("unauthorized.json"), 401));
        assertTrue(describe(MockRegistry.resource("toomanyrequests.json"), 429)
                .startsWith("toomanyrequests: You have reached your pull rate limit."));
    }

    @Test
    void otherShapes() {
        assertEquals("denied: requested access to the resource is denied",
                describe("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}", 403));
        assertEquals("name unknown: repository name not known to registry; blob unknown (BLOB_UNKNOWN)",
                describe("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"},"
                        + "{\"code\":\"BLOB_UNKNOWN\"}]}", 404));
        assertEquals("unauthorized: incorrect username or password",
                describe("{\"details\":\"incorrect username or password\"}", 401));
    }

    @Test
    void bodiesThatSayNothingFallBackToTheStatus() {
        assertEquals("not found (HTTP 404)", describe("<html>404</html>", 404));
        assertEquals("unauthorized: authentication required", describe("", 401));
        assertEquals("HTTP 500", describe("{\"errors\":[]}", 500));
        assertEquals(List.of(), RegistryError.parse("[1,2]".getBytes(StandardCharsets.UTF_8)));
    }
}
