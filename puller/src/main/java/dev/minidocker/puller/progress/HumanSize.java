package dev.minidocker.puller.progress;

import java.util.Locale;

/**
 * Byte counts as Docker prints them (go-units): decimal units, three significant digits where
 * Docker uses {@code HumanSizeWithPrecision(n, 3)} ("4.26MB", "128kB": image and container sizes),
 * four where it uses {@code HumanSize} ("4.264MB": totals, shared and reclaimable sizes).
 */
public final class HumanSize {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private HumanSize() {
    }

    public static String format(long bytes) {
        return format(bytes, 3);
    }

    /** With {@code digits} significant digits, rounded as Go's {@code %g} rounds: half to even. */
    public static String format(long bytes, int digits) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        String shown = new java.math.BigDecimal(value).round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
        return shown + UNITS[unit];
    }

    /** {@code "12.3MB/45.6MB"}, or the current count alone when the total is unknown. */
    public static String progress(long current, long total) {
        return total > 0 ? format(current) + "/" + format(total) : format(current);
    }

    static String percent(long current, long total) {
        return total > 0 ? String.format(Locale.ROOT, "%3d%%", current * 100 / total) : "";
    }
}
