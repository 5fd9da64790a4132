package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test images themselves: the registry serves them with the media types the pull tests rely
 * on, and umoci's unpack of the fidelity image really has the cases a pull is compared on.
 */
class ImageFixtureIT {
    private static final String OCI_AND_DOCKER_TYPES = String.join(",", OciLayout.MANIFEST, OciLayout.INDEX,
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final PushedImages PUSHED = PushedImages.to(TestRegistry.Mode.PLAIN);

    @Test
    void registryServesTheMediaTypesAsPushed() throws IOException {
        assertAll(
                () -> assertEquals(List.of("application/vnd.oci.image.layer.v1.tar+zstd"),
                        layerTypes(TestImages.LAYERS_ZSTD)),
                () -> assertEquals(List.of("application/vnd.oci.image.layer.v1.tar"),
                        layerTypes(TestImages.LAYERS_UNCOMPRESSED)),
                () -> assertEquals(List.of("application/vnd.oci.image.layer.v1.tar+gzip"),
                        layerTypes(TestImages.LAYERS)),
                () -> assertEquals(List.of("application/vnd.docker.image.rootfs.diff.tar.gzip"),
                        layerTypes(TestImages.LAYERS_DOCKER)),
                () -> assertEquals("application/vnd.docker.distribution.manifest.v2+json",
                        manifest(TestImages.BUSYBOX).path("mediaType").asText()),
                () -> assertEquals(OciLayout.INDEX, manifest(TestImages.MULTI).path("mediaType").asText()),
                () -> assertEquals("application/vnd.docker.distribution.manifest.list.v2+json",
                        manifest(TestImages.MULTI_DOCKER).path("mediaType").asText()),
                () -> assertEquals(List.of("amd64", "arm64"), manifest(TestImages.MULTI).path("manifests")
                        .findValuesAsText("architecture")));
    }

    @Test
    void fidelityImageHasEveryCaseAfterUmociUnpack() throws IOException {
        Path root = PUSHED.images().expectedTree("layers");
        Map<String, Object> setuid = Files.readAttributes(root.resolve("usr/bin/setuid"), "unix:mode,ino");
        Map<String, Object> setuidLink = Files.readAttributes(root.resolve("usr/bin/setuid-link"), "unix:ino");
        assertAll(
                () -> assertFalse(exists(root.resolve("etc/removeme")), "whiteout"),
                () -> assertFalse(exists(root.resolve("gone")), "whiteout of a directory"),
                () -> assertEquals(List.of("new"), names(root.resolve("opq")), "opaque directory"),
                () -> assertEquals("a file again\n", Files.readString(root.resolve("shape")), "file, dir, file"),
                () -> assertEquals("a directory became this file\n", Files.readString(root.resolve("shape2"))),
                () -> assertEquals(04755, (Integer) setuid.get("mode") & 07777, "setuid"),
                () -> assertEquals(setuid.get("ino"), setuidLink.get("ino"), "hard link"),
                () -> assertEquals(1000, Files.getAttribute(root.resolve("home/user/private"), "unix:uid")),
                () -> assertEquals("/etc/hostname", Files.readSymbolicLink(root.resolve("etc/absolute-link")).toString()),
                () -> assertEquals("long\n", Files.readString(root.resolve("deep/hardlink-to-long-name"))),
                () -> assertTrue(Files.readSymbolicLink(root.resolve("deep/symlink-to-long-name")).toString()
                        .length() > 100, "long symlink target"),
                () -> assertEquals(Map.of("mode", 0020666, "rdev", 0x103L),
                        Files.readAttributes(root.resolve("dev/null"), "unix:mode,rdev"), "device 1:3"),
                () -> assertEquals(0711, (Integer) Files.getAttribute(root.resolve("usr"), "unix:mode") & 07777,
                        "directory mode changed by an upper layer"));
    }

    @Test
    void uncompressedTwinUnpacksToTheSameTree() {
        TestImages images = PUSHED.images();
        TreeComparison.assertSameTree(images.expectedTree("layers"), images.expectedTree("layers-uncompressed"));
    }

    @Test
    void registryRoundTripKeepsTheTree(@TempDir Path scratch) {
        Skopeo.run(List.of("--insecure-policy", "copy", "--quiet", "--src-tls-verify=false",
                "docker://" + PUSHED.reference(TestImages.LAYERS_DOCKER), "oci:" + scratch.resolve("back") + ":back"));
        HostCommand.check("umoci", "unpack", "--image", scratch.resolve("back") + ":back",
                scratch.resolve("bundle").toString());

        TreeComparison.assertSameTree(PUSHED.images().expectedTree("layers"), scratch.resolve("bundle/rootfs"));
    }

    private static List<String> layerTypes(TestImage image) throws IOException {
        return manifest(image).path("layers").findValuesAsText("mediaType").stream().distinct().toList();
    }

    private static JsonNode manifest(TestImage image) throws IOException {
        var response = PUSHED.registry().get("/v2/" + image.repository() + "/manifests/" + image.tag(),
                "Accept", OCI_AND_DOCKER_TYPES);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static List<String> names(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}
