package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageIndexTest {
    @Test
    void ociIndexListsEveryPlatformAndTheAttestation() throws Exception {
        ImageIndex index = Canned.read("oci-index.json", ImageIndex::fromJson);
        assertEquals(2, index.schemaVersion());
        assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
        assertEquals(List.of("linux/amd64", "linux/arm64/v8", "linux/arm/v7", "unknown/unknown"),
                index.manifests().stream().map(d -> d.platform().toString()).toList());

        Descriptor amd64 = index.manifests().get(0);
        assertEquals(MediaTypes.OCI_MANIFEST, amd64.mediaType());
        assertEquals(Digest.parse("sha256:5861314d7fccb39c2192173240eab44fa35ca66426201ca2acd0630a6258dd51"),
                amd64.digest());
        assertEquals(610, amd64.size());
        assertNull(amd64.platform().variant());
        assertNull(amd64.annotation("vnd.docker.reference.type"));

        Descriptor attestation = index.manifests().get(3);
        assertEquals("attestation-manifest", attestation.annotation("vnd.docker.reference.type"));
        assertEquals(amd64.digest().toString(), attestation.annotation("vnd.docker.reference.digest"));
    }

    @Test
    void dockerManifestListReadsTheSameWay() throws Exception {
        ImageIndex list = Canned.read("docker-manifest-list.json", ImageIndex::fromJson);
        assertTrue(MediaTypes.INDEXES.contains(list.mediaType()));
        assertEquals(MediaTypes.DOCKER_LIST, list.mediaType());
        assertEquals(List.of("linux/amd64", "linux/arm/v6", "linux/arm64/v8", "windows/amd64"),
                list.manifests().stream().map(d -> d.platform().toString()).toList());
        assertTrue(list.manifests().stream().allMatch(d -> d.mediaType().equals(MediaTypes.DOCKER_MANIFEST)));
    }

    /** Found by IndexFuzzTest: a platform's manifest that names no digest could never be pulled. */
    @Test
    void anEntryWithoutADigestMakesTheIndexMalformed() {
        byte[] json = """
                {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "size": 528, "platform": {"architecture": "amd64", "os": "linux"}}]}
                """.getBytes(StandardCharsets.UTF_8);
        assertEquals("manifests[0].digest is missing",
                assertThrows(JsonException.class, () -> JsonObject.read(json, ImageIndex::fromJson)).getMessage());
    }

    @Test
    void anIndexWithoutManifestsHasAnEmptyList() throws Exception {
        ImageIndex empty = JsonObject.read("{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8), ImageIndex::fromJson);
        assertEquals(List.of(), empty.manifests());
    }
}
