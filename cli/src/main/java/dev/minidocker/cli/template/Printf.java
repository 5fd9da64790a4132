package dev.minidocker.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf} for the values of a template: the verbs {@code %v %s %q %d %x %X %o %b
 * %c %f %e %g %t %%}, flags {@code - + 0 space}, width and precision. A verb without its argument,
 * an argument of the wrong kind and arguments left over are printed as Go prints them
 * ({@code %!d(MISSING)}, {@code %!d(string=x)}, {@code %!(EXTRA int=1)}).
 */
final class Printf {
    private Printf() {
    }

    static String format(String format, List<JsonNode> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            boolean left = false;
            boolean zero = false;
            boolean plus = false;
            boolean space = false;
            for (; i < format.length() && "-+0 #".indexOf(format.charAt(i)) >= 0; i++) {
                switch (format.charAt(i)) {
                    case '-' -> left = true;
                    case '0' -> zero = true;
                    case '+' -> plus = true;
                    case ' ' -> space = true;
                    default -> {
                    }
                }
            }
            int width = 0;
            for (; i < format.length() && Character.isDigit(format.charAt(i)); i++) {
                width = width * 10 + format.charAt(i) - '0';
            }
            int precision = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                precision = 0;
                for (i++; i < format.length() && Character.isDigit(format.charAt(i)); i++) {
                    precision = precision * 10 + format.charAt(i) - '0';
                }
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            JsonNode arg = args.get(next++);
            String text = verb(verb, arg, precision, plus, space);
            boolean numeric = arg.isNumber() && "dxXobfeEgGv".indexOf(verb) >= 0;
            out.append(pad(text, width, left, zero && !left && numeric));
        }
        if (next < args.size()) {
            out.append("%!(EXTRA ");
            for (int a = next; a < args.size(); a++) {
                out.append(a > next ? ", " : "").append(Values.type(args.get(a))).append('=')
                        .append(Values.format(args.get(a)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String verb(char verb, JsonNode arg, int precision, boolean plus, boolean space) {
        String sign = plus ? "+" : space ? " " : "";
        switch (verb) {
            case 'v' -> {
                return arg.isNumber() ? signed(Values.format(arg), sign) : Values.format(arg);
            }
            case 's' -> {
                String s = arg.isTextual() ? arg.textValue() : Values.format(arg);
                return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            }
            case 'q' -> {
                if (arg.isTextual()) {
                    return quote(arg.textValue());
                }
                if (arg.isIntegralNumber()) {
                    return "'" + new String(Character.toChars(arg.intValue())) + "'";
                }
            }
            case 't' -> {
                if (arg.isBoolean()) {
                    return arg.asText();
                }
            }
            case 'd', 'o', 'b', 'c' -> {
                if (arg.isIntegralNumber()) {
                    return switch (verb) {
                        case 'd' -> signed(arg.bigIntegerValue().toString(), sign);
                        case 'o' -> arg.bigIntegerValue().toString(8);
                        case 'b' -> arg.bigIntegerValue().toString(2);
                        default -> new String(Character.toChars(arg.intValue()));
                    };
                }
            }
            case 'x', 'X' -> {
                String hex = null;
                if (arg.isIntegralNumber()) {
                    hex = arg.bigIntegerValue().toString(16);
                } else if (arg.isTextual()) {
                    hex = HexFormat.of().formatHex(arg.textValue().getBytes(StandardCharsets.UTF_8));
                }
                if (hex != null) {
                    return verb == 'X' ? hex.toUpperCase() : hex;
                }
            }
            case 'f', 'F', 'e', 'E', 'g', 'G' -> {
                if (arg.isNumber()) {
                    return signed(floating(verb, arg.doubleValue(), precision), sign);
                }
            }
            default -> {
                return "%!" + verb + "(" + Values.type(arg) + "=" + Values.format(arg) + ")";
            }
        }
        return "%!" + verb + "(" + Values.type(arg) + "=" + Values.format(arg) + ")";
    }

    private static String floating(char verb, double d, int precision) {
        return switch (verb) {
            case 'f', 'F' -> new BigDecimal(d).setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN)
                    .toPlainString();
            case 'e', 'E' -> {
                String s = String.format("%." + (precision < 0 ? 6 : precision) + "e", d);
                s = s.replaceFirst("e([+-])(\\d)$", "e$10$2");
                yield verb == 'E' ? s.toUpperCase() : s;
            }
            default -> precision < 0 ? Values.floating(d) : Values.floating(
                    new BigDecimal(d).round(new java.math.MathContext(Math.max(precision, 1))).doubleValue());
        };
    }

    private static String signed(String number, String sign) {
        return number.startsWith("-") ? number : sign + number;
    }

    /** Go's {@code strconv.Quote}. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < ' ' || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static String pad(String text, int width, boolean left, boolean zero) {
        int missing = width - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return text;
        }
        if (left) {
            return text + " ".repeat(missing);
        }
        if (zero) {
            int signs = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
            return text.substring(0, signs) + "0".repeat(missing) + text.substring(signs);
        }
        return " ".repeat(missing) + text;
    }
}
