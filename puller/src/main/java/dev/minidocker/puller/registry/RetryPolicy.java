package dev.minidocker.puller.registry;

import java.time.Duration;

/**
 * How often and how patiently a registry call is retried after a 5xx, a 429 or a broken connection.
 *
 * @param maxAttempts attempts in all, the first one included
 * @param initialBackoff the pause after the first failure; it doubles after each further one
 * @param maxWait the longest pause: a longer backoff is cut to it, and a 429 whose Retry-After asks for
 *     more is not retried at all
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxWait) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("retry pauses must not be negative");
        }
    }

    /** The pause after {@code failures} failed attempts (1 for the first failure). */
    public Duration backoff(int failures) {
        Duration pause = initialBackoff.multipliedBy(1L << Math.min(failures - 1, 20));
        return pause.compareTo(maxWait) > 0 ? maxWait : pause;
    }
}
