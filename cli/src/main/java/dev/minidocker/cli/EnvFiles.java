package dev.minidocker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Docker's {@code --env-file}: one {@code KEY=VALUE} (or {@code KEY}, copied from the host) per line; '#' starts a comment. */
final class EnvFiles {
    private EnvFiles() {
    }

    static List<String> read(Path file) throws CliException {
        List<String> env = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.stripLeading();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String key = trimmed.contains("=") ? trimmed.substring(0, trimmed.indexOf('=')) : trimmed;
                if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                    throw new CliException("invalid env file " + file + ": variable '" + key + "' contains whitespaces",
                            ExitCodes.ENGINE);
                }
                env.add(trimmed);
            }
        } catch (NoSuchFileException e) {
            throw new CliException("open " + file + ": no such file or directory", ExitCodes.ENGINE);
        } catch (IOException e) {
            throw new CliException("read env file " + file + ": " + e.getMessage(), ExitCodes.ENGINE);
        }
        return env;
    }
}
