package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A container never gets the caller's descriptors (its terminal, the files its stdio comes from or
 * goes to), and the caller's terminal is never its controlling terminal: its stdio is pipes that
 * minidocker copies, in every mode, as Docker's engine does (issue 15, item 2).
 */
class CallerStdioIT extends RunTestBase {
    private static final String FDS = "for fd in 0 1 2; do readlink /proc/self/fd/$fd; done";

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();
    @RegisterExtension
    static final BoundaryProbes PROBES = new BoundaryProbes();

    @Test
    void everyModeGetsPipesNeverTheCallersFiles() throws IOException {
        pull(IMAGES.busybox());
        Path in = Files.writeString(minidocker.scratch().resolve("in"), "typed\n");
        Path out = minidocker.scratch().resolve("out");
        Path err = minidocker.scratch().resolve("err");
        String redirections = "< " + in + " >> " + out + " 2>> " + err;
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sleep", "1000").assertSuccess().lastStdoutLine();
        String created = minidocker.run("create", IMAGES.busybox(), "sh", "-c", "echo start-a; " + FDS)
                .assertSuccess().lastStdoutLine();
        List<List<String>> modes = List.of(
                List.of("run", "--rm", IMAGES.busybox(), "sh", "-c", "echo run; " + FDS),
                List.of("run", "--rm", "-i", IMAGES.busybox(), "sh", "-c", "echo run-i; " + FDS + "; cat"),
                List.of("exec", id, "sh", "-c", "echo exec; " + FDS),
                List.of("exec", "-i", id, "sh", "-c", "echo exec-i; " + FDS + "; cat"),
                List.of("start", "-a", created));
        for (List<String> mode : modes) {
            minidocker.redirected(redirections, mode.toArray(String[]::new)).assertSuccess();
        }
        List<String> seen = Files.readAllLines(out).stream().map(line -> line.replaceAll("^pipe:\\[\\d+]$", "pipe"))
                .toList();
        assertAll(
                () -> assertEquals(List.of(
                        "run", "/dev/null", "pipe", "pipe",
                        "run-i", "pipe", "pipe", "pipe", "typed",
                        "exec", "/dev/null", "pipe", "pipe",
                        "exec-i", "pipe", "pipe", "pipe", "typed",
                        "start-a", "/dev/null", "pipe", "pipe"), seen, "fds 0-2 in each mode, never " + in + " or " + out),
                () -> assertEquals("", Files.readString(err)),
                () -> assertEquals("typed\n", Files.readString(in)));
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void typedInputPushedFromInsideNeverReachesTheCallersTerminal() {
        pull(IMAGES.busybox());
        String probe = PROBES.terminal() + ":/probe:ro";
        String id = minidocker.run("run", "-d", "-v", probe, IMAGES.busybox(), "sleep", "1000").assertSuccess()
                .lastStdoutLine();
        String created = minidocker.run("create", "-v", probe, IMAGES.busybox(), "sh", "-c", pushing("start-a", true))
                .assertSuccess().lastStdoutLine();
        // Each container pushes a token now and, from a daemon, once its command has returned; then
        // whatever reached the terminal's input is read back in the same session. With tostop, a
        // background process group that writes to the terminal is stopped: exec's helper is one.
        CommandResult session = minidocker.inTerminal(String.join("\n",
                "stty tostop",
                "md run --rm -v " + probe + " " + IMAGES.busybox() + " sh -c '" + pushing("run", true) + "'",
                "md run --rm -i -v " + probe + " " + IMAGES.busybox() + " sh -c '" + pushing("run-i", true) + "'",
                "md exec " + id + " sh -c '" + pushing("exec", false) + "'",
                "md exec -i " + id + " sh -c '" + pushing("exec-i", false) + "'",
                "md start -a " + created,
                "sleep 4",
                "stty -icanon -echo min 0 time 10",
                "echo \"typed:[$(dd bs=4096 count=1 2>/dev/null)]\""));
        List<String> lines = session.stdout().replace("\r", "").lines().toList();
        assertAll(
                () -> assertEquals(List.of("typed:[]"), lines.stream().filter(l -> l.startsWith("typed:")).toList(),
                        session::toString),
                () -> assertEquals(20, lines.stream().filter(l -> l.matches("(fd [012]|/dev/tty): .*")).count(),
                        session::toString),
                () -> assertFalse(session.stdout().contains("pushed"), session::toString),
                () -> assertFalse(execOutput(id, "cat /tmp/sti-later-*").contains("pushed"),
                        "the daemons of the execs, after they returned"));
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    /** A command that pushes {@code token} now and {@code token-later} from a daemon 3 s later; {@code wait}: outlives it. */
    private static String pushing(String token, boolean waitForTheDaemon) {
        return "/probe sti " + token + "; /probe sti-later " + token + "-later" + (waitForTheDaemon ? "; sleep 4" : "");
    }

    private String execOutput(String id, String command) {
        return minidocker.run("exec", id, "sh", "-c", command).assertSuccess().stdout();
    }
}
