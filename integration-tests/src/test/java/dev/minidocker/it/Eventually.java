package dev.minidocker.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition the product makes true in its own time: a file written, a process gone. */
final class Eventually {
    private static final Duration INTERVAL = Duration.ofMillis(20);

    private Eventually() {
    }

    /**
     * Returns once {@code condition} holds; fails with {@code state}'s description when the deadline
     * passes or {@code hopeless} says it never will.
     */
    static void until(BooleanSupplier condition, Duration timeout, BooleanSupplier hopeless, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (hopeless.getAsBoolean() || System.nanoTime() > deadline) {
                throw new AssertionError(state.get());
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static void until(BooleanSupplier condition, Duration timeout, String what) {
        until(condition, timeout, () -> false, () -> "timed out after " + timeout + " waiting for " + what);
    }
}
