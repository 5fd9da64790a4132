package dev.minidocker.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's {@code --env-file}: one {@code KEY=VALUE} (or {@code KEY}, copied from the host) per line;
 * '#' starts a comment; UTF-8, a byte order mark at the start allowed.
 */
final class EnvFiles {
    private static final String BOM = "\uFEFF";

    private EnvFiles() {
    }

    static List<String> read(Path file) throws CliException {
        List<String> env = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = i == 0 && lines.get(i).startsWith(BOM) ? lines.get(i).substring(1) : lines.get(i);
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
        return env;
    }

    /** The file's lines, each checked to be UTF-8 so that a bad one is named by its number. */
    private static List<String> lines(Path file) throws CliException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException("open " + file + ": no such file or directory", ExitCodes.ENGINE);
        } catch (IOException e) {
            throw new CliException("read env file " + file + ": " + e.getMessage(), ExitCodes.ENGINE);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int length = end > start && bytes[end - 1] == '\r' ? end - start - 1 : end - start;
            try {
                lines.add(utf8.decode(ByteBuffer.wrap(bytes, start, length)).toString());
            } catch (CharacterCodingException e) {
                throw new CliException("env file " + file + " contains invalid utf8 bytes at line " + (lines.size() + 1),
                        ExitCodes.ENGINE);
            }
            start = end + 1;
        }
        return lines;
    }
}
