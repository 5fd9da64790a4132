package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalsTest {
    @ParameterizedTest
    @CsvSource({"KILL, 9", "SIGKILL, 9", "kill, 9", "9, 9", "TERM, 15", "SIGTERM, 15", "USR1, 10", "sigusr2, 12",
        "HUP, 1", "INT, 2", "QUIT, 3", "STOP, 19", "CONT, 18", "WINCH, 28", "IOT, 6", "SYS, 31",
        "RTMIN, 34", "RTMIN+3, 37", "RTMAX, 64", "64, 64"})
    void namesAndNumbers(String text, int number) throws LaunchException {
        assertEquals(number, Signals.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "65", "32", "NOPE", "SIG", "-9", "RTMIN+x"})
    void unknownSignalsAreRefused(String text) {
        LaunchException e = assertThrows(LaunchException.class, () -> Signals.parse(text));
        assertEquals("Invalid signal: " + text, e.getMessage());
    }
}
