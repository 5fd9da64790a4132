package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class UsageErrorsTest {
    private record Reported(int status, String text) {
    }

    private static Reported report(String... args) {
        CommandLine cli = new Main(null).commandLine(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            int status = UsageErrors.report(e, "minidocker", new PrintStream(out, true, StandardCharsets.UTF_8));
            return new Reported(status, out.toString(StandardCharsets.UTF_8));
        }
        throw new AssertionError("parsed: " + String.join(" ", args));
    }

    @Test
    void tooFewArgumentsAreDockersStatusOneWithTheUsageLine() {
        Reported r = report("container", "rm");
        assertEquals(ExitCodes.FAILURE, r.status());
        assertEquals("""
                "minidocker container rm" requires at least 1 argument.
                See 'minidocker container rm --help'.

                Usage:  minidocker container rm [OPTIONS] CONTAINER [CONTAINER...]

                Remove one or more containers.
                """, r.text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rename a|\"minidocker rename\" requires exactly 2 arguments.",
        "ps x|\"minidocker ps\" accepts no arguments.",
        "images a b|\"minidocker images\" requires at most 1 argument.",
        "run|\"minidocker run\" requires at least 1 argument.",
    })
    void argumentCountsInDockersWords(String line, String first) {
        Reported r = report(line.split(" "));
        assertEquals(ExitCodes.FAILURE, r.status());
        assertEquals(first, r.text().lines().findFirst().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ps --colour=red|unknown flag: --colour|ps",
        "ps -Z|unknown shorthand flag: 'Z' in -Z|ps",
        "image ls --x|unknown flag: --x|image ls",
    })
    void unknownFlagsAreStatus125(String line, String message, String path) {
        Reported r = report(line.split(" "));
        assertEquals(ExitCodes.ENGINE, r.status());
        assertEquals(message + "\nSee 'minidocker " + path + " --help'.\n", r.text());
    }
}
