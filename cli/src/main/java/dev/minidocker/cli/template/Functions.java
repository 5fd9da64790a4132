package dev.minidocker.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The functions a template may call: Go's builtins ({@code and}, {@code or}, {@code not},
 * {@code len}, {@code index}, {@code slice}, {@code print}, {@code printf}, {@code println},
 * {@code eq}..{@code ge}, {@code html}, {@code js}, {@code urlquery}) and those Docker's CLI adds
 * ({@code json}, {@code split}, {@code join}, {@code title}, {@code lower}, {@code upper},
 * {@code pad}, {@code truncate}). A table's header is the template run on the column titles with
 * Docker's header functions, which give their first argument back unchanged.
 */
final class Functions {
    /** One function: its arguments, evaluated, to its value. */
    interface Call {
        JsonNode apply(List<JsonNode> args) throws Failure;
    }

    /**
     * A call that failed: with {@code calling}, worded as Go's {@code error calling NAME: ...}
     * (the function's own error), else as the executor's (wrong arguments).
     */
    static final class Failure extends Exception {
        final boolean calling;

        Failure(String message, boolean calling) {
            super(message, null, false, false);
            this.calling = calling;
        }
    }

    private static final JsonNodeFactory VALUES = JsonNodeFactory.instance;

    private Functions() {
    }

    /** The functions of rows, with {@code json} writing as the caller's JSON output does. */
    static Map<String, Call> rows(Function<JsonNode, String> json) {
        Map<String, Call> f = new HashMap<>();
        f.put("and", args -> {
            atLeast("and", args, 1);
            return args.stream().filter(a -> !Values.truth(a)).findFirst().orElse(args.getLast());
        });
        f.put("or", args -> {
            atLeast("or", args, 1);
            return args.stream().filter(Values::truth).findFirst().orElse(args.getLast());
        });
        f.put("not", args -> VALUES.booleanNode(!Values.truth(exactly("not", args, 1).getFirst())));
        f.put("len", Functions::len);
        f.put("index", Functions::index);
        f.put("slice", Functions::slice);
        f.put("print", args -> VALUES.textNode(print(args)));
        f.put("println", args -> VALUES.textNode(String.join(" ", args.stream().map(Values::format).toList()) + "\n"));
        f.put("printf", args -> {
            atLeast("printf", args, 1);
            return VALUES.textNode(Printf.format(string(args.getFirst()), args.subList(1, args.size())));
        });
        f.put("eq", Compare::eq);
        f.put("ne", args -> VALUES.booleanNode(!Compare.eq(exactly("ne", args, 2)).booleanValue()));
        f.put("lt", args -> VALUES.booleanNode(Compare.order("lt", args) < 0));
        f.put("le", args -> VALUES.booleanNode(Compare.order("le", args) <= 0));
        f.put("gt", args -> VALUES.booleanNode(Compare.order("gt", args) > 0));
        f.put("ge", args -> VALUES.booleanNode(Compare.order("ge", args) >= 0));
        f.put("html", args -> VALUES.textNode(html(print(args))));
        f.put("js", args -> VALUES.textNode(js(print(args))));
        f.put("urlquery", args -> VALUES.textNode(URLEncoder.encode(print(args), StandardCharsets.UTF_8)
                .replace("*", "%2A").replace("%7E", "~")));
        f.put("json", args -> VALUES.textNode(json.apply(exactly("json", args, 1).getFirst())));
        f.put("split", args -> {
            exactly("split", args, 2);
            ArrayNode parts = VALUES.arrayNode();
            String s = string(args.get(0));
            String sep = string(args.get(1));
            if (sep.isEmpty()) {
                s.codePoints().forEach(c -> parts.add(new String(Character.toChars(c))));
            } else {
                int from = 0;
                for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
                    parts.add(s.substring(from, at));
                    from = at + sep.length();
                }
                parts.add(s.substring(from));
            }
            return parts;
        });
        f.put("join", args -> {
            exactly("join", args, 2);
            JsonNode items = args.get(0);
            if (!items.isArray()) {
                throw wrongType("[]string", items);
            }
            List<String> parts = new ArrayList<>();
            items.forEach(item -> parts.add(item.isTextual() ? item.textValue() : Values.format(item)));
            return VALUES.textNode(String.join(string(args.get(1)), parts));
        });
        f.put("title", args -> VALUES.textNode(title(string(exactly("title", args, 1).getFirst()))));
        f.put("lower", args -> VALUES.textNode(string(exactly("lower", args, 1).getFirst()).toLowerCase()));
        f.put("upper", args -> VALUES.textNode(string(exactly("upper", args, 1).getFirst()).toUpperCase()));
        f.put("pad", args -> {
            exactly("pad", args, 3);
            String s = string(args.get(0));
            return VALUES.textNode(s.isEmpty() ? s
                    : " ".repeat(integer(args.get(1))) + s + " ".repeat(integer(args.get(2))));
        });
        f.put("truncate", args -> {
            exactly("truncate", args, 2);
            String s = string(args.get(0));
            int length = integer(args.get(1));
            return VALUES.textNode(s.length() < length ? s : s.substring(0, Math.max(0, length)));
        });
        return f;
    }

    /** The functions of a table's header: Docker's, which leave the column title as it is. */
    static Map<String, Call> header(Function<JsonNode, String> json) {
        Map<String, Call> f = rows(json);
        for (String name : List.of("json", "split", "join", "title", "lower", "upper", "truncate")) {
            f.put(name, args -> {
                atLeast(name, args, 1);
                return args.getFirst();
            });
        }
        return f;
    }

    private static JsonNode len(List<JsonNode> args) throws Failure {
        JsonNode v = exactly("len", args, 1).getFirst();
        if (v.isTextual()) {
            return VALUES.numberNode(v.textValue().getBytes(StandardCharsets.UTF_8).length);
        }
        if (v.isArray() || v.isObject()) {
            return VALUES.numberNode(v.size());
        }
        throw new Failure("len of type " + Values.type(v), true);
    }

    private static JsonNode index(List<JsonNode> args) throws Failure {
        atLeast("index", args, 1);
        JsonNode item = args.getFirst();
        for (JsonNode key : args.subList(1, args.size())) {
            if (item.isArray()) {
                int i = arrayIndex(key, item.size());
                item = item.get(i);
            } else if (item.isObject()) {
                if (!key.isTextual()) {
                    throw new Failure("value has type " + Values.type(key) + "; should be string", true);
                }
                JsonNode found = item.get(key.textValue());
                item = found != null ? found : absent(item);
            } else if (item.isMissingNode() || item.isNull()) {
                throw new Failure("index of untyped nil", true);
            } else {
                throw new Failure("can't index item of type " + Values.type(item), true);
            }
        }
        return item;
    }

    /**
     * What a missing key of {@code map} gives: Go's zero value of its element type, {@code ""} for
     * Docker's maps of strings (labels, options), no value for others.
     */
    private static JsonNode absent(JsonNode map) {
        for (JsonNode v : map) {
            if (!v.isTextual()) {
                return MissingNode.getInstance();
            }
        }
        return map.isEmpty() ? MissingNode.getInstance() : VALUES.textNode("");
    }

    private static int arrayIndex(JsonNode key, int length) throws Failure {
        if (!key.isIntegralNumber()) {
            throw new Failure("cannot index slice/array with type " + Values.type(key), true);
        }
        long i = key.longValue();
        if (i < 0 || i >= length) {
            throw new Failure("index out of range: " + i, true);
        }
        return (int) i;
    }

    private static JsonNode slice(List<JsonNode> args) throws Failure {
        atLeast("slice", args, 1);
        JsonNode item = args.getFirst();
        if (args.size() > 3) {
            throw new Failure("too many slice indexes: " + (args.size() - 1), true);
        }
        int length = item.isTextual() ? item.textValue().length() : item.size();
        if (!item.isTextual() && !item.isArray()) {
            throw new Failure("can't slice item of type " + Values.type(item), true);
        }
        int from = args.size() > 1 ? bound(args.get(1), length) : 0;
        int to = args.size() > 2 ? bound(args.get(2), length) : length;
        if (from > to) {
            throw new Failure("invalid slice index: " + from + " > " + to, true);
        }
        if (item.isTextual()) {
            return VALUES.textNode(item.textValue().substring(from, to));
        }
        ArrayNode out = VALUES.arrayNode();
        for (int i = from; i < to; i++) {
            out.add(item.get(i));
        }
        return out;
    }

    private static int bound(JsonNode key, int length) throws Failure {
        if (!key.isIntegralNumber()) {
            throw new Failure("cannot index slice/array with type " + Values.type(key), true);
        }
        long i = key.longValue();
        if (i < 0 || i > length) {
            throw new Failure("index out of range: " + i, true);
        }
        return (int) i;
    }

    /** Go's {@code fmt.Sprint}: a space between two operands when neither is a string. */
    static String print(List<JsonNode> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0 && !args.get(i - 1).isTextual() && !args.get(i).isTextual()) {
                out.append(' ');
            }
            JsonNode a = args.get(i);
            out.append(a.isTextual() ? a.textValue() : Values.format(a));
        }
        return out.toString();
    }

    private static String html(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&#34;");
                case 0 -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String js(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> out.append(c < ' ' ? String.format("\\u%04X", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    /** Go's {@code strings.Title}: the first letter of each word upper-cased. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            out.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
        }
        return out.toString();
    }

    static String string(JsonNode v) throws Failure {
        if (!v.isTextual()) {
            throw wrongType("string", v);
        }
        return v.textValue();
    }

    private static int integer(JsonNode v) throws Failure {
        if (!v.isIntegralNumber()) {
            throw wrongType("int", v);
        }
        return v.intValue();
    }

    static Failure wrongType(String expected, JsonNode got) {
        return new Failure("wrong type for value; expected " + expected + "; got "
                + (got.isMissingNode() || got.isNull() ? "<nil>" : Values.type(got)), false);
    }

    static List<JsonNode> exactly(String name, List<JsonNode> args, int count) throws Failure {
        if (args.size() != count) {
            throw new Failure("wrong number of args for " + name + ": want " + count + " got " + args.size(), false);
        }
        return args;
    }

    private static void atLeast(String name, List<JsonNode> args, int count) throws Failure {
        if (args.size() < count) {
            throw new Failure("wrong number of args for " + name + ": want at least " + count + " got "
                    + args.size(), false);
        }
    }
}
