package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Each check's line on the guest's console becomes a passed, failed or skipped test; a missing one fails. */
class GuestConsoleTest {
    private static final String CONSOLE = """
            guest: booted in 1.52 s\r
            [    2.000000] a kernel line\r
            ok 1 run (3.1 s)\r
            not ok 2 memory-limit (2.0 s): memory.max: got 'max', expected '33554432'\r
            # memory.max: got 'max', expected '33554432'\r
            # second line\r
            skip 3 pause: minidocker has no pause command yet\r
            guest: checks done at 9.20 s\r
            """;

    @Test
    void aPassedCheckPasses() {
        GuestConsole console = GuestConsole.of(CONSOLE);
        assertEquals(Optional.of(new GuestConsole.Result("run", GuestConsole.Outcome.PASSED, "3.1", null, List.of())),
                console.result("run"));
        console.report("run");
    }

    @Test
    void aFailedCheckFailsWithItsReasonAndOutput() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> GuestConsole.of(CONSOLE).report("memory-limit"));
        assertEquals("memory.max: got 'max', expected '33554432'\nmemory.max: got 'max', expected '33554432'\nsecond line",
                failure.getMessage());
    }

    @Test
    void aSkippedCheckIsAbortedWithItsReason() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> GuestConsole.of(CONSOLE).report("pause"));
        assertTrue(skipped.getMessage().endsWith("minidocker has no pause command yet"), skipped.getMessage());
    }

    @Test
    void aCheckWithoutALineFailsWithTheConsolesEnd() {
        AssertionError failure = assertThrows(AssertionError.class, () -> GuestConsole.of(CONSOLE).report("exec"));
        assertTrue(failure.getMessage().startsWith("no result for exec: the guest ended before it"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("guest: checks done at 9.20 s"), failure.getMessage());
    }

    @Test
    void aGuestThatCannotRunSkipsEveryCheck() {
        GuestConsole console = GuestConsole.of("guest: cannot run: qemu-system-x86_64 is not installed\n");
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> console.report("run"));
        assertEquals("the guest cannot run here: qemu-system-x86_64 is not installed",
                skipped.getMessage());
    }
}
