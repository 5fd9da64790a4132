package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Where a signal goes when it comes before the JDK has handed the new process over. */
class SignalForwarderTest {
    @Test
    void aSignalBeforeTheProcessIsKnownWaitsForIt() throws Exception {
        CompletableFuture<Process> started = new CompletableFuture<>();
        LongSupplier target = SignalForwarder.whenStarted(started);
        try (var pool = Executors.newSingleThreadExecutor()) {
            // The signal handler asks first...
            Future<Long> asked = pool.submit(target::getAsLong);
            Thread.sleep(50);
            // ...and the JDK hands the process over after.
            Process sleep = new ProcessBuilder("sleep", "10").start();
            try {
                started.complete(sleep);
                assertEquals(sleep.pid(), asked.get());
            } finally {
                sleep.destroy();
                sleep.waitFor();
            }
        }
        assertEquals(0, target.getAsLong(), "an ended process gets nothing");
    }

    @Test
    void aProcessThatDidNotStartGetsNothing() {
        CompletableFuture<Process> started = new CompletableFuture<>();
        started.completeExceptionally(new IOException("no such helper"));
        assertEquals(0, SignalForwarder.whenStarted(started).getAsLong());
    }
}
