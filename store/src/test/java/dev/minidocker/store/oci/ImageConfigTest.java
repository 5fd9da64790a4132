package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.spec.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    @Test
    void readsTheRunDefaults() throws Exception {
        ImageConfig config = Canned.read("image-config.json", ImageConfig::fromJson);
        ImageConfig.RunConfig run = config.config();
        assertEquals(List.of("/docker-entrypoint.sh"), run.entrypoint());
        assertEquals(List.of("nginx", "-g", "daemon off;"), run.cmd());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "NGINX_VERSION=1.27.1", "PKG_RELEASE=1~bookworm"), run.env());
        assertEquals("SIGQUIT", run.stopSignal());
        assertTrue(run.exposedPorts().containsKey("80/tcp"));
        assertEquals("NGINX Docker Maintainers <docker-maint@nginx.com>", run.labels().get("maintainer"));
        assertNull(run.user());
        assertNull(run.workingDir());
    }

    @Test
    void readsPlatformAndLayers() throws Exception {
        ImageConfig config = Canned.read("image-config.json", ImageConfig::fromJson);
        assertEquals("linux", config.os());
        assertEquals("amd64", config.architecture());
        assertEquals("2024-08-14T21:31:12Z", config.created());
        assertEquals("layers", config.rootfs().type());
        assertEquals(List.of("0697c0f434f8", "a9485d17c39b", "03d63cb5ac6d"),
                config.diffIds().stream().map(d -> d.shortHex()).toList());
    }

    @Test
    void historyMarksEmptyLayers() throws Exception {
        List<ImageConfig.History> history = Canned.read("image-config.json", ImageConfig::fromJson).history();
        assertEquals(6, history.size());
        long layers = history.stream().filter(h -> !Boolean.TRUE.equals(h.emptyLayer())).count();
        assertEquals(3, layers, "one history entry per diff-id");
        assertEquals("COPY docker-entrypoint.sh / # buildkit", history.get(3).createdBy());
    }

    @Test
    void aConfigWithoutRootfsHasNoDiffIds() throws Exception {
        ImageConfig bare = JsonObject.read("{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8), ImageConfig::fromJson);
        assertEquals(List.of(), bare.diffIds());
        assertNull(bare.config());
    }
}
