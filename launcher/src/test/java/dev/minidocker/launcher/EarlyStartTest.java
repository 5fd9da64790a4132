package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStartTest {
    private static final List<String> COMMAND = List.of("minidocker-monitor", "--exit-file", "/r/exit", "--", "java");
    private final EarlyStart early = new EarlyStart(null, new ContainerDirs("a".repeat(64), Path.of("/r")), null, null,
            COMMAND, ForegroundRun.stdio(false, false));

    @Test
    void theMonitorFitsOptionsThatAskForTheSameCommandAndStdio() {
        assertTrue(early.fits(COMMAND, ForegroundRun.stdio(false, false)));
        // With -t the monitor reads no stdin either.
        assertTrue(early.fits(COMMAND, ForegroundRun.stdio(true, true)));
    }

    @Test
    void anotherCommandLineDoesNotFit() {
        assertFalse(early.fits(List.of("minidocker-monitor", "--exit-file", "/r/exit", "--host-network", "--", "java"),
                ForegroundRun.stdio(false, false)));
    }

    @Test
    void stdinForTheContainerDoesNotFit() {
        assertFalse(early.fits(COMMAND, ForegroundRun.stdio(false, true)));
    }

    @Test
    void anAdoptedMonitorIsNotAdoptedTwice() {
        early.adopt();
        assertFalse(early.fits(COMMAND, ForegroundRun.stdio(false, false)));
    }
}
