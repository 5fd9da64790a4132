package dev.minidocker.launcher.logs;

import dev.minidocker.launcher.LaunchException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The moments of {@code logs --since} and {@code --until}, read as Docker's client reads them
 * ({@code timetypes.GetTimestamp}), and the entry times {@code --timestamps} prints.
 */
public final class LogTime {
    /** Docker's date-times: a date, then an hour, minutes, seconds and a fraction, each optional after the one before. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{1,2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern UNIX = Pattern.compile("\\+?(\\d+)(?:\\.(\\d+))?");
    /** Go's RFC3339NanoFixed in UTC, as the daemon prints entry times: always nine digits. */
    private static final DateTimeFormatter PRINTED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private LogTime() {
    }

    /** An entry's time as {@code -t} prints it: {@code 2026-11-28T18:55:34.120000000Z}. */
    public static String format(Instant time) {
        return PRINTED.format(time);
    }

    /**
     * The moment {@code value} names: a Go duration before {@code now} ({@code 10m}, {@code 1h30m},
     * whole seconds as Docker sends them); an RFC 3339 date-time, with or without fraction and
     * zone, or a plain date (without a zone: {@code zone}'s offset now, as Docker's client takes
     * it); or Unix seconds with an optional fraction ({@code 0} is the epoch).
     */
    public static Instant parse(String value, Instant now, ZoneId zone) throws LaunchException {
        Optional<Duration> ago = value.equals("0") ? Optional.empty() : GoDuration.parse(value);
        if (ago.isPresent()) {
            return Instant.ofEpochSecond(now.minus(ago.get()).getEpochSecond());
        }
        // Docker's rule: a Z, a + or a date with a negative offset (three dashes) names its zone.
        boolean zoned = value.contains("Z") || value.contains("z") || value.contains("+")
                || value.chars().filter(c -> c == '-').count() == 3;
        Matcher date = DATE_TIME.matcher(value);
        if (date.matches() && zoned == (date.group(8) != null)) {
            try {
                return dateTime(date, zone.getRules().getOffset(now));
            } catch (DateTimeException e) {
                throw new LaunchException("parsing time \"" + value + "\": " + e.getMessage());
            }
        }
        if (value.contains("-")) {
            throw new LaunchException("parsing time \"" + value + "\": not an RFC 3339 date-time");
        }
        Matcher unix = UNIX.matcher(value);
        if (!unix.matches()) {
            throw new LaunchException("failed to parse value as time or duration: \"" + value + "\"");
        }
        return unixTime(unix);
    }

    private static Instant dateTime(Matcher date, ZoneOffset localOffset) {
        LocalDateTime local = LocalDateTime.of(number(date, 1), number(date, 2), number(date, 3),
                number(date, 4), number(date, 5), number(date, 6), fraction(date.group(7)));
        String zone = date.group(8);
        return local.toInstant(zone == null ? localOffset : ZoneOffset.of(zone));
    }

    private static int number(Matcher date, int group) {
        return date.group(group) == null ? 0 : Integer.parseInt(date.group(group));
    }

    /** Seconds since the epoch; Docker scales the fraction to nanoseconds, dropping digits past the ninth. */
    private static Instant unixTime(Matcher unix) throws LaunchException {
        try {
            return Instant.ofEpochSecond(Long.parseLong(unix.group(1)), fraction(unix.group(2)));
        } catch (NumberFormatException | DateTimeException e) {
            throw new LaunchException("failed to parse value as time or duration: \"" + unix.group() + "\"");
        }
    }

    private static int fraction(String digits) {
        return digits == null ? 0 : new BigDecimal("0." + digits).movePointRight(9).intValue();
    }
}
