package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {
    @ParameterizedTest
    @CsvSource({
        "application/vnd.oci.image.layer.v1.tar,                                NONE",
        "application/vnd.oci.image.layer.nondistributable.v1.tar,               NONE",
        "application/vnd.oci.image.layer.v1.tar+gzip,                           GZIP",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip,          GZIP",
        "application/vnd.docker.image.rootfs.diff.tar.gzip,                     GZIP",
        "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip,             GZIP",
        "application/vnd.oci.image.layer.v1.tar+zstd,                           ZSTD",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd,          ZSTD",
    })
    void layerCompressionFollowsTheMediaType(String mediaType, LayerCompression expected) {
        assertEquals(expected, MediaTypes.layerCompression(mediaType));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.in-toto+json",
        "application/vnd.oci.image.layer.v1.tar+bzip2",
        ""})
    void anythingElseIsNotALayer(String mediaType) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MediaTypes.layerCompression(mediaType));
        assertEquals("unsupported layer media type \"" + mediaType + "\"", e.getMessage());
    }

    @Test
    void indexesAndManifestsAreApart() {
        assertTrue(MediaTypes.INDEXES.contains(MediaTypes.OCI_INDEX));
        assertTrue(MediaTypes.INDEXES.contains(MediaTypes.DOCKER_LIST));
        assertTrue(MediaTypes.MANIFESTS.contains(MediaTypes.OCI_MANIFEST));
        assertTrue(MediaTypes.MANIFESTS.contains(MediaTypes.DOCKER_MANIFEST));
        assertTrue(MediaTypes.SCHEMA1.contains("application/vnd.docker.distribution.manifest.v1+prettyjws"));
    }
}
