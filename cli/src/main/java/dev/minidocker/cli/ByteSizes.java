package dev.minidocker.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as Docker's {@code -m} reads them: a number and an optional b, k, m or g (binary multiples). */
final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmgt]?)(?:i?b)?");

    private ByteSizes() {
    }

    static long parse(String flag, String text) throws CliException {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CliException("invalid argument \"" + text + "\" for \"" + flag + "\" flag: want a size such as"
                    + " 16m or 1g", ExitCodes.ENGINE);
        }
        long unit = switch (m.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            default -> 1;
        };
        return (long) (Double.parseDouble(m.group(1)) * unit);
    }
}
