package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFilesTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("app.env"), text);
    }

    @Test
    void aLineThatIsNotUtf8IsNamedByFileAndLine() throws Exception {
        Path env = Files.write(dir.resolve("latin1.env"), "A=1\nB=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliException e = assertThrows(CliException.class, () -> EnvFiles.read(env));
        assertEquals("env file " + env + " contains invalid utf8 bytes at line 2", e.getMessage());
    }

    @Test
    void utf8WithAByteOrderMarkAndCrLfIsRead() throws Exception {
        Path env = Files.write(dir.resolve("bom.env"), "\uFEFFA=caf\u00e9\r\nB=2\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("A=caf\u00e9", "B=2"), EnvFiles.read(env));
    }

    @Test
    void oneVariablePerLineWithCommentsAndBlankLinesSkipped() throws Exception {
        Path env = file("""
                # settings
                APP_ENV=production

                  # indented comment
                GREETING=hello world
                EMPTY=
                URL=postgres://db/app?sslmode=disable#frag
                """);
        assertEquals(List.of("APP_ENV=production", "GREETING=hello world", "EMPTY=",
                "URL=postgres://db/app?sslmode=disable#frag"), EnvFiles.read(env));
    }

    @Test
    void aKeyWithoutValueIsKeptToCopyTheHosts() throws Exception {
        assertEquals(List.of("TERM", "A=1"), EnvFiles.read(file("TERM\nA=1\n")));
    }

    @Test
    void leadingWhitespaceIsDroppedTrailingKept() throws Exception {
        assertEquals(List.of("A=1 "), EnvFiles.read(file("   A=1 \n")));
    }

    @Test
    void whitespaceInAKeyIsRefused() throws Exception {
        Path env = file("MY VAR=1\n");
        CliException e = assertThrows(CliException.class, () -> EnvFiles.read(env));
        assertEquals("invalid env file " + env + ": variable 'MY VAR' contains whitespaces", e.getMessage());
        assertEquals(125, e.exitCode());
    }

    @Test
    void anEmptyKeyIsRefused() throws Exception {
        Path env = file("=value\n");
        CliException e = assertThrows(CliException.class, () -> EnvFiles.read(env));
        assertEquals(125, e.exitCode());
    }

    @Test
    void aMissingFileSaysSo() {
        Path missing = dir.resolve("missing.env");
        CliException e = assertThrows(CliException.class, () -> EnvFiles.read(missing));
        assertEquals("open " + missing + ": no such file or directory", e.getMessage());
        assertEquals(125, e.exitCode());
    }
}
