package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts: loaded by the shell they are for, they complete commands and options. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    /** What bash offers for the words typed so far, the last one being completed. */
    private String bashCompletes(String... words) throws Exception {
        Path script = dir.resolve("minidocker.bash");
        Files.writeString(script, CompletionCommand.script("bash", Main.everyCommand()));
        String line = "source " + script + "; COMP_WORDS=(" + String.join(" ", words) + ");"
                + " COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + String.join(" ", words) + "';"
                // compopt works only under a real completion; the test calls the function itself.
                + " COMP_POINT=${#COMP_LINE}; compopt() { :; }; _complete_minidocker; printf '%s\\n' \"${COMPREPLY[@]}\" | sort | xargs";
        Process bash = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor(), out);
        return out;
    }

    @Test
    void bashCompletesTheCommandsThatBeginWithAPrefix() throws Exception {
        // Docker's five, and minidocker's own run-command.
        assertEquals("rename restart rm rmi run run-command", bashCompletes("minidocker", "r"));
    }

    @Test
    void bashCompletesACommandsOptions() throws Exception {
        assertTrue(bashCompletes("minidocker", "ps", "--").contains("--all"));
        assertEquals("list ls", bashCompletes("minidocker", "image", "l"));
    }

    @Test
    void zshScriptNamesTheCommandForItsSiteFunctions() throws CliException {
        assertTrue(CompletionCommand.script("zsh", Main.everyCommand()).startsWith("#compdef minidocker\n"));
    }

    @Test
    void fishOffersEveryCommandAndItsOptions() throws CliException {
        String fish = CompletionCommand.script("fish", Main.everyCommand());
        assertTrue(fish.contains("complete -c minidocker -n '__fish_use_subcommand' -f -a run -d '"), fish);
        assertTrue(fish.contains("-n '__fish_seen_subcommand_from ps") && fish.contains("-s a -l all"), fish);
    }

    @Test
    void anotherShellIsRefused() {
        CliException e = assertThrows(CliException.class, () -> CompletionCommand.script("tcsh", Main.everyCommand()));
        assertEquals("unsupported shell \"tcsh\": use bash, zsh or fish", e.getMessage());
    }
}
