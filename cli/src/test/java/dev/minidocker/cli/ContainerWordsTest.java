package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.store.container.ContainerState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerWordsTest {
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void createdSaysCreated() {
        assertEquals("Created", ContainerWords.status(ContainerState.created(), false, NOW));
    }

    @Test
    void runningSaysHowLongItHasBeenUp() {
        ContainerState up = ContainerState.created().running(1, 1, "2025-01-01T11:59:55Z");
        assertEquals("Up 5 seconds", ContainerWords.status(up, false, NOW));
        assertEquals("Up 5 seconds (Paused)", ContainerWords.status(up, true, NOW));
        assertEquals("Up Less than a second", ContainerWords.status(up, false, Instant.parse("2025-01-01T11:59:55.5Z")));
        assertEquals("Up About an hour", ContainerWords.status(up, false, Instant.parse("2025-01-01T13:00:00Z")));
    }

    @Test
    void exitedSaysTheStatusAndWhen() {
        ContainerState exited = ContainerState.created().running(1, 1, "2025-01-01T11:00:00Z")
                .exited(0, false, "2025-01-01T11:57:00Z", null);
        assertEquals("Exited (0) 3 minutes ago", ContainerWords.status(exited, false, NOW));
        ContainerState killed = exited.exited(137, false, "2025-01-01T11:59:59Z", null);
        assertEquals("Exited (137) 1 second ago", ContainerWords.status(killed, false, NOW));
    }

    @Test
    void shortCommandsAreQuotedWhole() {
        assertEquals("\"sleep 1000\"", ContainerWords.command(List.of("sleep", "1000"), false));
        assertEquals("\"\"", ContainerWords.command(List.of(), false));
    }

    @Test
    void longCommandsAreCutToTwentyWithAnEllipsisThenQuoted() {
        List<String> command = List.of("sh", "-c", "trap \"exit 0\" TERM; while :; do sleep 1; done");
        assertEquals("\"sh -c trap \\\"exit 0\\\"…\"", ContainerWords.command(command, false));
        assertEquals("\"12345678901234567890\"", ContainerWords.command(List.of("12345678901234567890"), false));
        assertEquals("\"1234567890123456789…\"", ContainerWords.command(List.of("123456789012345678901"), false));
    }

    @Test
    void noTruncKeepsEverything() {
        assertEquals("\"echo a\\tb\\nc \\\\ \\x01\"", ContainerWords.command(List.of("echo", "a\tb\nc", "\\", "\u0001"), true));
    }
}
