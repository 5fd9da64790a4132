package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EarlyStartGuessTest {
    private static boolean guessed(String... args) {
        return EarlyStartGuess.guessed(args);
    }

    @Test
    void aPlainRunIsGuessedWhateverItsOtherOptions() {
        assertTrue(guessed("run", "--rm", "busybox", "true"));
        assertTrue(guessed("--root", "/tmp/r", "run", "--name", "web", "-e", "A=B", "-m", "16m", "-v", "/a:/b",
                "--pids-limit", "64", "busybox", "sh", "-c", "exit 3"));
        assertTrue(guessed("--root=/tmp/r", "run", "-u", "1000:50", "-w", "/", "busybox", "ls", "-l"));
        // --explain narrates the same monitor: the adoption says it was started early.
        assertTrue(guessed("run", "--explain", "busybox"));
    }

    @Test
    void optionsThatAskForAnotherMonitorAreNotGuessed() {
        for (String option : new String[] {"-d", "-i", "-t", "-it", "-ti", "-dit", "--detach", "--tty",
                "--interactive", "--network=host", "--net=container:web", "--log-driver", "--log-opt=max-size=1m", "--userns",
                "--uidmap", "--gidmap", "--dry-run", "--help"}) {
            assertFalse(guessed("run", option, "busybox"), option);
        }
    }

    @Test
    void aBridgeNetworkOrNoneTakesTheUsualMonitorTheHostsOrAnotherContainersDoNot() {
        for (String network : new String[] {"bridge", "none", "backend"}) {
            assertTrue(guessed("run", "--network", network, "busybox"), network);
            assertTrue(guessed("run", "--net=" + network, "busybox"), network);
        }
        assertFalse(guessed("run", "--network", "host", "busybox"));
        assertFalse(guessed("run", "--net", "container:web", "busybox"));
    }

    @Test
    void everyArgumentCountsTheImagesCommandToo() {
        // Which arguments are options only picocli can say: the guess errs on the side of no guess.
        assertFalse(guessed("run", "busybox", "ls", "-t"));
    }

    @Test
    void otherCommandsAreNotGuessed() {
        assertFalse(guessed("ps", "-a"));
        assertFalse(guessed("--root", "run", "ps"));
        assertFalse(guessed());
        assertFalse(guessed("run-command", "true"));
    }

    @Test
    void theRootComesFromTheGlobalOptionsInEitherForm() {
        assertEquals(Path.of("/tmp/a"), EarlyStartGuess.rootArgument(new String[] {"--root", "/tmp/a", "run", "x"}));
        assertEquals(Path.of("/tmp/b"), EarlyStartGuess.rootArgument(new String[] {"--debug", "--root=/tmp/b", "run", "x"}));
        assertNull(EarlyStartGuess.rootArgument(new String[] {"run", "--root", "/tmp/c", "x"}));
    }
}
