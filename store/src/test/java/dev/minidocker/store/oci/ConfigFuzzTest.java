package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Image configs as a registry may serve them (seeds in
 * {@code ConfigFuzzTestInputs/}); what must hold: see {@link OciDocuments}.
 */
class ConfigFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void config(byte[] json) {
        ImageConfig config = OciDocuments.readOrRefuse(json, ImageConfig::fromJson);
        if (config != null) {
            config.diffIds().forEach(d -> assertNotNull(d, "a diff_id"));
        }
    }
}
