package dev.minidocker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's templates that {@code --format} is mostly used with: text with
 * {@code {{.Field.Field}}} paths into a JSON object (and {@code {{json .Path}}}), values printed as
 * Go prints them ({@code [a b]}, {@code map[k:v]}, {@code <no value>} for a missing key). Anything
 * else is refused with a message that says what is supported.
 */
final class GoTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
    private static final Pattern PATH = Pattern.compile("\\.|(\\.[A-Za-z_][A-Za-z0-9_]*)+");

    private final List<Object> parts;

    private GoTemplate(List<Object> parts) {
        this.parts = parts;
    }

    /** A path to follow: its field names, and whether to print it as JSON. */
    private record Action(List<String> fields, boolean json) {
    }

    static GoTemplate parse(String template) throws CliException {
        List<Object> parts = new ArrayList<>();
        Matcher m = ACTION.matcher(template);
        int last = 0;
        while (m.find()) {
            parts.add(template.substring(last, m.start()));
            String action = m.group(1);
            boolean json = action.startsWith("json ");
            String path = json ? action.substring(5).strip() : action;
            if (!PATH.matcher(path).matches()) {
                throw new CliException("template: unsupported action \"" + m.group()
                        + "\": only {{.Field.Field}} paths and {{json .Path}} are supported", ExitCodes.ENGINE);
            }
            List<String> fields = path.equals(".") ? List.of() : List.of(path.substring(1).split("\\."));
            parts.add(new Action(fields, json));
            last = m.end();
        }
        String rest = template.substring(last);
        if (rest.contains("{{")) {
            throw new CliException("template: unclosed action in \"" + template + "\"", ExitCodes.ENGINE);
        }
        parts.add(rest);
        return new GoTemplate(parts);
    }

    String apply(JsonNode root) throws CliException {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Action a) {
                JsonNode value = root;
                for (String field : a.fields()) {
                    if (value == null || !value.isObject()) {
                        throw new CliException("template: can't evaluate field " + field + " in "
                                + (value == null ? "a missing value" : "a " + value.getNodeType().name().toLowerCase()),
                                ExitCodes.ENGINE);
                    }
                    value = value.get(field);
                }
                out.append(a.json() ? json(value) : go(value));
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    private static String json(JsonNode value) {
        return value == null ? "null" : DockerJson.line(value);
    }

    /** A value as Go's text/template prints the JSON-decoded form of it. */
    private static String go(JsonNode value) {
        if (value == null) {
            return "<no value>";
        }
        if (value.isNull()) {
            return "<nil>";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(go(v)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            ((ObjectNode) value).properties().forEach(e -> sorted.put(e.getKey(), go(e.getValue())));
            List<String> items = new ArrayList<>();
            sorted.forEach((k, v) -> items.add(k + ":" + v));
            return "map[" + String.join(" ", items) + "]";
        }
        return value.asText();
    }
}
