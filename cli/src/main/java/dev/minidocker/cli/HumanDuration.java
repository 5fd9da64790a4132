package dev.minidocker.cli;

import java.time.Duration;

/** Durations as Docker words them in CREATED and STATUS columns ("About a minute", "2 months"). */
final class HumanDuration {
    private HumanDuration() {
    }

    static String format(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toSeconds() / 3600.0);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        // Docker counts years in whole hours, not rounded ones.
        return d.toHours() / 24 / 365 + " years";
    }

    /** "2 months ago", or "N/A" for an image whose creation time is unknown. */
    static String ago(java.time.Instant then, java.time.Instant now) {
        return then == null ? "N/A" : format(Duration.between(then, now)) + " ago";
    }
}
