package dev.minidocker.store.layer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Layer tars of hostile entries built from the fuzzer's choices ({@link FuzzedLayer}), every
 * header well formed, so the fuzzer explores the unpacker rather than the tar reader; seeds in
 * {@code LayerEntriesFuzzTestInputs/entries/}. What must hold: see {@link LayerSandbox}.
 */
class LayerEntriesFuzzTest {
    @RegisterExtension
    static final LayerSandbox SANDBOX = new LayerSandbox();

    @FuzzTest(maxDuration = "30s")
    void entries(FuzzedDataProvider data) throws Exception {
        SANDBOX.unpackAndCheck(FuzzedLayer.from(data, SANDBOX.home()));
    }
}
