package dev.minidocker.launcher.logs;

import java.time.Instant;

/**
 * Which entries {@code logs} shows: the last {@code tail} (all when negative), then those from
 * {@code since} on (from the first entry not before it: later ones are not filtered, as Docker
 * does it for clocks that step back), up to the first entry after {@code until}. Null: no bound.
 */
public record LogQuery(int tail, Instant since, Instant until) {
    public static final LogQuery ALL = new LogQuery(-1, null, null);

    /** {@code --tail}'s value as Docker's daemon reads it: a number; {@code all}, a negative number or no number at all mean all. */
    public static int tail(String value) {
        try {
            return Math.max(-1, Integer.parseInt(value));
        } catch (NumberFormatException all) {
            return -1;
        }
    }
}
