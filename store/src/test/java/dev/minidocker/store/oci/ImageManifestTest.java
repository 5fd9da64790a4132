package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageManifestTest {
    @Test
    void ociManifestNamesItsConfigAndLayer() throws Exception {
        ImageManifest m = Canned.read("oci-manifest.json", ImageManifest::fromJson);
        assertEquals(2, m.schemaVersion());
        assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
        assertEquals(new Descriptor(MediaTypes.OCI_CONFIG,
                Digest.parse("sha256:b79606fb3afea5bd1609ed40b622142f1c98125abcfe89a76a661b0e8e343910"), 1457),
                m.config());
        assertEquals(List.of(new Descriptor(MediaTypes.OCI_LAYER_GZIP,
                Digest.parse("sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85"), 2152262)),
                m.layers());
        assertEquals("1.37.0-glibc", m.annotations().get("org.opencontainers.image.version"));
    }

    @Test
    void dockerSchema2ManifestKeepsLayerOrder() throws Exception {
        ImageManifest m = Canned.read("docker-manifest.json", ImageManifest::fromJson);
        assertEquals(MediaTypes.DOCKER_MANIFEST, m.mediaType());
        assertEquals(MediaTypes.DOCKER_CONFIG, m.config().mediaType());
        assertEquals(8520, m.config().size());
        assertEquals(List.of(29126484L, 41436543L, 628L), m.layers().stream().map(Descriptor::size).toList());
        assertEquals(List.of("df848841", "608689af", "0297552b"),
                m.layers().stream().map(d -> d.digest().hex().substring(0, 8)).toList());
        assertNull(m.annotations());
    }

    /** Found by ManifestFuzzTest: the puller then failed with a NullPointerException. */
    @Test
    void aLayerWithoutADigestMakesTheManifestMalformed() {
        byte[] json = """
                {"schemaVersion": 2, "config": {"mediaType": "c", "size": 1, "digest": "sha256:%s"},
                 "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "size": 2}]}
                """.formatted("a".repeat(64)).getBytes(StandardCharsets.UTF_8);
        assertEquals("layers[0].digest is missing",
                assertThrows(JsonException.class, () -> JsonObject.read(json, ImageManifest::fromJson)).getMessage());
    }

    @Test
    void aBadDigestIsNamedByItsPlace() {
        byte[] json = "{\"layers\": [{\"digest\": \"sha256:ab\"}]}".getBytes(StandardCharsets.UTF_8);
        assertEquals("layers[0].digest: invalid sha256 digest \"ab\": want 64 lowercase hex digits",
                assertThrows(JsonException.class, () -> JsonObject.read(json, ImageManifest::fromJson)).getMessage());
    }
}
