package dev.minidocker.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Docker's prompt before it removes things: the question, {@code [y/N]}, and one line of answer. */
final class Confirmation {
    private Confirmation() {
    }

    /**
     * Prints {@code question} and {@code " [y/N] "} on {@code out} and reads a line from {@code in}:
     * only {@code y} or {@code Y} (with spaces around) agrees; anything else, an empty line or the
     * end of the input declines.
     */
    static boolean ask(InputStream in, PrintStream out, String question) throws IOException {
        out.print(question + " [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }
}
