package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfirmationTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'y\n'     | true",
        "'Y\n'     | true",
        "'  y  \n' | true",
        "y         | true",
        "'yes\n'   | false",
        "'n\n'     | false",
        "'\n'      | false",
        "''        | false",
        "'x\ny\n'  | false",
    })
    void onlyYOrCapitalYOnTheFirstLineAgrees(String typed, boolean agreed) throws IOException {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        boolean answer = Confirmation.ask(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(shown, true, StandardCharsets.UTF_8), "Sure?");
        assertEquals(agreed, answer);
        assertEquals("Sure? [y/N] ", shown.toString(StandardCharsets.UTF_8), "the question, without a newline");
    }
}
