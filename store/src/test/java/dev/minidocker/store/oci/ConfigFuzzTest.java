package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Image configs as a registry may serve them (seeds in
 * {@code ConfigFuzzTestInputs/}); what must hold: see {@link OciDocuments}.
 */
class ConfigFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void config(byte[] json) throws IOException {
        ImageConfig config = OciDocuments.readOrRefuse(json, ImageConfig.class);
        if (config != null) {
            config.diffIds().forEach(d -> assertNotNull(d, "a diff_id"));
        }
    }
}
