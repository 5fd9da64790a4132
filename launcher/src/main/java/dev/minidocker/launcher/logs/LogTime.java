package dev.minidocker.launcher.logs;

import dev.minidocker.launcher.LaunchException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};
    private static final Pattern UNIX = Pattern.compile("\\+?(\\d+)(?:\\.(\\d+))?");

    private LogTime() {
    }

    /**
     * A time as minidocker writes them, in UTC ({@code 2026-11-28T18:55:34.123456789Z}: a log entry's,
     * a container record's), read by hand: {@link Instant#parse}, a general parser, would be most of
     * the time of reading a long log or of listing many containers. Other RFC 3339 forms (an offset,
     * no fraction) go through it.
     */
    public static Instant instant(String time) {
        int n = time.length();
        if (n < 20 || n == 21 || n > 30 || time.charAt(n - 1) != 'Z' || (n > 20 && time.charAt(19) != '.')
                || time.charAt(4) != '-' || time.charAt(7) != '-' || time.charAt(10) != 'T'
                || time.charAt(13) != ':' || time.charAt(16) != ':') {
            return Instant.parse(time);
        }
        // Year, month, day, hour, minute, second, fraction: where each stands.
        int[] fields = new int[7];
        int[] bounds = {0, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20, Math.max(n - 1, 20)};
        for (int i = 0; i < fields.length; i++) {
            fields[i] = digits(time, bounds[2 * i], bounds[2 * i + 1]);
            if (fields[i] < 0) {
                return Instant.parse(time);
            }
        }
        if (fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
            return Instant.parse(time);
        }
        long days = LocalDate.of(fields[0], fields[1], fields[2]).toEpochDay();
        int fractionDigits = Math.max(n - 21, 0);
        return Instant.ofEpochSecond(days * 86_400 + fields[3] * 3_600 + fields[4] * 60 + fields[5],
                (long) fields[6] * POWERS_OF_TEN[9 - fractionDigits]);
    }

    /** The number written in {@code text[from, to)}, or -1 when that is not all digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * An entry's time as {@code -t} prints it, Go's RFC3339NanoFixed in UTC, always nine digits:
     * {@code 2026-11-28T18:55:34.120000000Z}. Written by hand, as {@link #instant} is read: a
     * DateTimeFormatter doubled the time {@code logs -t} took.
     */
    public static String format(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30);
        padded(text, t.getYear(), 4).append('-');
        padded(text, t.getMonthValue(), 2).append('-');
        padded(text, t.getDayOfMonth(), 2).append('T');
        padded(text, t.getHour(), 2).append(':');
        padded(text, t.getMinute(), 2).append(':');
        padded(text, t.getSecond(), 2).append('.');
        return padded(text, t.getNano(), 9).append('Z').toString();
    }

    private static StringBuilder padded(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        text.repeat('0', Math.max(0, width - digits.length()));
        return text.append(digits);
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
