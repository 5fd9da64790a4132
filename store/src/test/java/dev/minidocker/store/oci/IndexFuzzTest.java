package dev.minidocker.store.oci;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Image indexes and Docker manifest lists as a registry may serve them (seeds in
 * {@code IndexFuzzTestInputs/}); what must hold: see {@link OciDocuments}.
 */
class IndexFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void index(byte[] json) {
        ImageIndex index = OciDocuments.readOrRefuse(json, ImageIndex::fromJson);
        if (index != null) {
            index.manifests().forEach(OciDocuments::assertWhole);
        }
    }
}
