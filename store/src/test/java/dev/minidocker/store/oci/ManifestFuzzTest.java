package dev.minidocker.store.oci;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Image manifests (OCI, Docker schema2) as a registry may serve them (seeds in
 * {@code ManifestFuzzTestInputs/}); what must hold: see {@link OciDocuments}.
 */
class ManifestFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void manifest(byte[] json) {
        ImageManifest manifest = OciDocuments.readOrRefuse(json, ImageManifest::fromJson);
        if (manifest != null) {
            manifest.layers().forEach(OciDocuments::assertWhole);
            if (manifest.config() != null) {
                OciDocuments.assertWhole(manifest.config());
            }
        }
    }
}
