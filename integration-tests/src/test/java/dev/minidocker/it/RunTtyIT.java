package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code run -t} from a terminal: the container gets a terminal of its own, of the same size. */
class RunTtyIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void ttyHasTheTerminalsSize() {
        pull(IMAGES.busybox());
        CommandResult result = minidocker.runInTerminal(33, 101, "", "run", "--rm", "-t", IMAGES.busybox(),
                "sh", "-c", "tty; stty size").assertSuccess();
        List<String> lines = lines(result);
        assertAll(
                () -> assertEquals(2, lines.size(), result::toString),
                () -> assertTrue(List.of("/dev/console", "/dev/pts/0").contains(lines.getFirst()), result::toString),
                () -> assertEquals("33 101", lines.getLast(), result::toString));
    }

    @Test
    void interactiveTtyReadsTheTerminal() {
        pull(IMAGES.busybox());
        CommandResult result = minidocker.runInTerminal(24, 80, "hello\n", "run", "--rm", "-i", "-t",
                IMAGES.busybox(), "sh", "-c", "read line; echo \"got $line\"; exit 4");
        assertTrue(lines(result.assertExit(4)).contains("got hello"), result::toString);
    }

    @Test
    void interactiveTtyNeedsATerminal() {
        CommandResult result = minidocker.run("run", "--rm", "-i", "-t", IMAGES.busybox(), "true").assertExit(1);
        assertEquals(List.of("minidocker: the input device is not a TTY"), result.stderrLines());
    }

    /** What the terminal showed, line by line: each pty on the way turns "\n" into "\r\n". */
    private static List<String> lines(CommandResult result) {
        return result.stdout().replace("\r", "").lines().toList();
    }
}
