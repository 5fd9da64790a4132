package dev.minidocker.puller.progress;

import java.util.Locale;

/**
 * Byte counts as Docker prints them (go-units): decimal units, three significant digits where
 * Docker uses {@code HumanSizeWithPrecision(n, 3)} ("4.26MB", "128kB": image and container sizes),
 * four where it uses {@code HumanSize} ("4.264MB": totals, shared and reclaimable sizes).
 */
public final class HumanSize {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private HumanSize() {
    }

    public static String format(long bytes) {
        return format(bytes, 3);
    }

    /** With {@code digits} significant digits, rounded as Go's {@code %g} rounds: half to even. */
    public static String format(long bytes, int digits) {
        return scaled(bytes, digits, 1000, UNITS);
    }

    /** In binary units with four significant digits, as go-units' {@code BytesSize} ("1.434MiB": memory in stats). */
    public static String binary(long bytes) {
        return scaled(bytes, 4, 1024, BINARY_UNITS);
    }

    private static String scaled(long bytes, int digits, int base, String[] units) {
        double value = bytes;
        int unit = 0;
        while (value >= base && unit < units.length - 1) {
            value /= base;
            unit++;
        }
        return significant(value, digits) + units[unit];
    }

    /**
     * {@code value} (0, or at least 1) to {@code digits} significant digits, trailing zeros
     * dropped. Exact as {@code BigDecimal} is, in integers: the double is {@code m * 2^e}, and
     * {@code value * 10^scale} is rounded to an integer, half to even. (BigDecimal's classes take
     * milliseconds to set up, and every listing prints sizes.)
     */
    static String significant(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        long bits = Double.doubleToRawLongBits(value);
        long m = (bits & ((1L << 52) - 1)) | (1L << 52);
        int e = (int) ((bits >>> 52) & 0x7ff) - 1075;
        int zeros = Long.numberOfTrailingZeros(m);
        m >>= zeros;
        e += zeros;
        int scale = digits - integerDigits(value);
        long num = m * pow10(Math.max(scale, 0)) << Math.max(e, 0);
        long den = pow10(Math.max(-scale, 0)) << Math.max(-e, 0);
        long q = num / den;
        long twice = 2 * (num % den);
        if (twice > den || twice == den && (q & 1) == 1) {
            q++;
        }
        if (scale <= 0) {
            return q * pow10(-scale) + "";
        }
        String all = Long.toString(q);
        int point = all.length() - scale;
        int end = all.length();
        while (end > point && all.charAt(end - 1) == '0') {
            end--;
        }
        return end == point ? all.substring(0, point) : all.substring(0, point) + "." + all.substring(point, end);
    }

    private static int integerDigits(double value) {
        int n = 1;
        for (double limit = 10; value >= limit; limit *= 10) {
            n++;
        }
        return n;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** {@code "12.3MB/45.6MB"}, or the current count alone when the total is unknown. */
    public static String progress(long current, long total) {
        return total > 0 ? format(current) + "/" + format(total) : format(current);
    }

    static String percent(long current, long total) {
        return total > 0 ? String.format(Locale.ROOT, "%3d%%", current * 100 / total) : "";
    }
}
