package dev.minidocker.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values a template works on are JSON trees (what Docker's objects look like once encoded), seen
 * as Go sees the decoded form: printed as {@code fmt} prints it ({@code [a b]}, {@code map[k:v]},
 * {@code <nil>}), true or false as text/template's {@code if} judges, named by their Go types in
 * errors. A missing value (a map without the key) is Jackson's {@code MissingNode}, which Go prints
 * as {@code <no value>}.
 */
final class Values {
    private Values() {
    }

    /** {@code value} as an action prints it. */
    static String print(JsonNode value) {
        return value.isMissingNode() ? "<no value>" : format(value);
    }

    /** {@code value} as {@code fmt}'s {@code %v} prints it. */
    static String format(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "<nil>";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(format(v)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            value.properties().forEach(e -> sorted.put(e.getKey(), format(e.getValue())));
            List<String> items = new ArrayList<>();
            sorted.forEach((k, v) -> items.add(k + ":" + v));
            return "map[" + String.join(" ", items) + "]";
        }
        if (value.isFloatingPointNumber()) {
            return floating(value.doubleValue());
        }
        return value.asText();
    }

    /** A float64 as Go's {@code %v}: the shortest digits, in exponent form below 1e-4 and from 1e21. */
    static String floating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double magnitude = Math.abs(d);
        if (magnitude >= 1e-4 && magnitude < 1e21) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = exponent < 0 ? "-" : "+";
        String e = Integer.toString(Math.abs(exponent));
        return (d < 0 ? "-" : "") + mantissa + "e" + sign + (e.length() < 2 ? "0" + e : e);
    }

    /** Whether {@code if} takes {@code value} as true: not false, 0, nil, nor empty. */
    static boolean truth(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return !value.isEmpty();
    }

    /** The Go type of {@code value} decoded from JSON, as errors name it. */
    static String type(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case BOOLEAN -> "bool";
            case NUMBER -> value.isIntegralNumber() ? "int" : "float64";
            case ARRAY -> "[]interface {}";
            case OBJECT -> "map[string]interface {}";
            default -> "interface {}";
        };
    }
}
