package dev.minidocker.store.layer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole layer tar streams, mutated byte by byte from small real layers (seeds in
 * {@code LayerTarFuzzTestInputs/tar/}: links, whiteouts, PAX xattrs and long names, devices,
 * hostile names, replaced entries): truncated and corrupt headers, sizes, checksums, PAX records.
 * What must hold: see {@link LayerSandbox}.
 */
class LayerTarFuzzTest {
    @RegisterExtension
    static final LayerSandbox SANDBOX = new LayerSandbox();

    @FuzzTest(maxDuration = "30s")
    void tar(byte[] tar) throws Exception {
        SANDBOX.unpackAndCheck(tar);
    }
}
