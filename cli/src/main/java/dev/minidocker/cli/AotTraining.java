package dev.minidocker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code AotTraining FILE}: the commands of FILE, one command line a line (its words separated by
 * single spaces), run one after the other in this one JVM, as {@code minidocker} would run each.
 * The JDK's AOT cache is made from one process's run: this is the run that walks every command's
 * path, so that each one starts with its classes loaded and linked (scripts/aot-train.sh).
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                Main.execute(line.strip().split(" "));
            }
        }
        System.exit(0);
    }
}
