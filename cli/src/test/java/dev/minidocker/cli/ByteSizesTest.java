package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {
    @ParameterizedTest
    @CsvSource({
        "16m, 16777216",
        "16M, 16777216",
        "1g, 1073741824",
        "512k, 524288",
        "100, 100",
        "100b, 100",
        "1.5g, 1610612736",
        "64mb, 67108864",
        "64MiB, 67108864",
        "1t, 1099511627776",
    })
    void sizesAreBinaryMultiples(String text, long bytes) throws CliException {
        assertEquals(bytes, ByteSizes.parse("--memory", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "16x", "-1", "1,5g", "lots", "16 m b c"})
    void badSizesAreRefusedWithExit125(String text) {
        CliException e = assertThrows(CliException.class, () -> ByteSizes.parse("--memory", text));
        assertEquals("invalid argument \"" + text + "\" for \"--memory\" flag: want a size such as 16m or 1g",
                e.getMessage());
        assertEquals(125, e.exitCode());
    }
}
