package dev.minidocker.launcher.logs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration}, which Docker's {@code --since 1h30m} goes through: {@code 300ms}, {@code -1.5h}, {@code 2h45m}. */
final class GoDuration {
    private static final Pattern WHOLE = Pattern.compile("[-+]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** The duration, or empty when {@code text} is none in Go's syntax (or overflows Go's 290 years). */
    static Optional<Duration> parse(String text) {
        if (text.equals("0") || text.equals("+0") || text.equals("-0")) {
            return Optional.of(Duration.ZERO);
        }
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
        }
        try {
            // Go drops what is below a nanosecond.
            long total = nanos.toBigInteger().longValueExact();
            return Optional.of(Duration.ofNanos(text.startsWith("-") ? -total : total));
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
    }
}
