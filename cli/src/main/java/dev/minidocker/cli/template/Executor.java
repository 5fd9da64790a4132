package dev.minidocker.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.minidocker.cli.template.Node.Command;
import dev.minidocker.cli.template.Node.Expr;
import dev.minidocker.cli.template.Node.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a parsed template on one value, as Go's text/template executes: text copied, actions printed,
 * {@code if}/{@code with}/{@code range} on the truth and the items of their pipeline, variables
 * scoped to the structure that declares them. A failure names where it happened as Go does:
 * {@code template: :1:2: executing "" at <.Foo>: ...}.
 */
final class Executor {
    /** {@code {{break}}} and {@code {{continue}}}, unwinding to their range. */
    private static final class Jump extends RuntimeException {
        final boolean breaks;

        Jump(boolean breaks) {
            super(null, null, false, false);
            this.breaks = breaks;
        }
    }

    private final String text;
    private final Map<String, Functions.Call> functions;
    private final JsonNode root;
    private final String rootType;
    private final StringBuilder out = new StringBuilder();
    private final List<String> names = new ArrayList<>();
    private final List<JsonNode> values = new ArrayList<>();

    private Executor(String text, Map<String, Functions.Call> functions, JsonNode root, String rootType) {
        this.text = text;
        this.functions = functions;
        this.root = root;
        this.rootType = rootType;
        names.add("$");
        values.add(root);
    }

    /**
     * {@code nodes} run on {@code root}. With a {@code rootType}, root is a Go struct of that type:
     * a field it does not have is an error, as Docker's list contexts are; else it is a map, whose
     * missing keys print {@code <no value>}.
     */
    static String run(String text, List<Node> nodes, Map<String, Functions.Call> functions, JsonNode root,
            String rootType) throws TemplateException {
        Executor executor = new Executor(text, functions, root, rootType);
        executor.list(nodes, root);
        return executor.out.toString();
    }

    private void list(List<Node> nodes, JsonNode dot) throws TemplateException {
        for (Node node : nodes) {
            switch (node) {
                case Node.Text t -> out.append(t.text());
                case Node.Action a -> {
                    JsonNode value = pipeline(a.pipeline(), dot);
                    if (a.pipeline().variables().isEmpty()) {
                        out.append(Values.print(value));
                    }
                }
                case Node.Control c -> control(c, dot);
                case Node.LoopJump j -> throw new Jump(j.keyword().equals("break"));
                case Node.End e -> throw new IllegalStateException("an {{" + e.keyword() + "}} left in the tree");
            }
        }
    }

    private void control(Node.Control c, JsonNode dot) throws TemplateException {
        int mark = names.size();
        try {
            if (c.keyword().equals("range")) {
                range(c, dot);
                return;
            }
            JsonNode value = pipeline(c.pipeline(), dot);
            if (Values.truth(value)) {
                list(c.body(), c.keyword().equals("with") ? value : dot);
            } else {
                list(c.otherwise(), dot);
            }
        } finally {
            pop(mark);
        }
    }

    private void range(Node.Control c, JsonNode dot) throws TemplateException {
        Pipeline p = c.pipeline();
        // The variables of a range take each key and item; the pipeline's value is not assigned.
        JsonNode value = commands(p, dot);
        List<JsonNode> keys = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                keys.add(nodes.numberNode(i));
                items.add(value.get(i));
            }
        } else if (value.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            value.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            sorted.forEach((k, v) -> {
                keys.add(nodes.textNode(k));
                items.add(v);
            });
        } else if (value.isIntegralNumber()) {
            for (long i = 0; i < value.longValue(); i++) {
                keys.add(nodes.numberNode(i));
                items.add(nodes.numberNode(i));
            }
        } else if (!value.isMissingNode() && !value.isNull()) {
            throw error(p.pos(), "range " + p, "range can't iterate over " + Values.format(value));
        }
        if (items.isEmpty()) {
            list(c.otherwise(), dot);
            return;
        }
        int mark = names.size();
        for (int i = 0; i < items.size(); i++) {
            List<String> vars = p.variables();
            if (vars.size() == 1) {
                push(vars.get(0), items.get(i));
            } else if (vars.size() == 2) {
                push(vars.get(0), keys.get(i));
                push(vars.get(1), items.get(i));
            }
            try {
                list(c.body(), items.get(i));
            } catch (Jump jump) {
                if (jump.breaks) {
                    break;
                }
            } finally {
                pop(mark);
            }
        }
    }

    private JsonNode pipeline(Pipeline p, JsonNode dot) throws TemplateException {
        JsonNode value = commands(p, dot);
        for (String variable : p.variables()) {
            if (p.declares()) {
                push(variable, value);
            } else {
                int at = names.lastIndexOf(variable);
                if (at < 0) {
                    throw error(p.pos(), p.toString(), "undefined variable: " + variable);
                }
                values.set(at, value);
            }
        }
        return value;
    }

    private JsonNode commands(Pipeline p, JsonNode dot) throws TemplateException {
        JsonNode value = null;
        for (Command command : p.commands()) {
            value = command(command, dot, value);
        }
        return value;
    }

    /** A command's value; {@code piped} is the value of the command before it in its pipeline, or null. */
    private JsonNode command(Command command, JsonNode dot, JsonNode piped) throws TemplateException {
        Expr first = command.args().getFirst();
        if (first instanceof Node.Identifier function) {
            List<JsonNode> args = new ArrayList<>();
            for (Expr arg : command.args().subList(1, command.args().size())) {
                args.add(operand(arg, dot));
            }
            if (piped != null) {
                args.add(piped);
            }
            return call(function, command, args);
        }
        if (command.args().size() > 1 || piped != null) {
            String what = first instanceof Node.Field f ? f.names().getLast() + " is not a method but has arguments"
                    : "can't give argument to non-function " + first;
            throw error(first.pos(), command.toString(), what);
        }
        return operand(first, dot);
    }

    private JsonNode call(Node.Identifier function, Command command, List<JsonNode> args) throws TemplateException {
        try {
            return functions.get(function.name()).apply(args);
        } catch (Functions.Failure f) {
            String message = f.calling ? "error calling " + function.name() + ": " + f.getMessage() : f.getMessage();
            throw error(function.pos(), command.toString(), message);
        }
    }

    private JsonNode operand(Expr expr, JsonNode dot) throws TemplateException {
        return switch (expr) {
            case Node.Dot d -> dot;
            case Node.Literal l -> l.value();
            case Node.Variable v -> variable(v);
            case Node.Parenthesized p -> pipeline(p.pipeline(), dot);
            case Node.Identifier i -> call(i, new Command(i.pos(), List.of(i)), List.of());
            case Node.Field f -> {
                JsonNode value = f.base() == null ? dot : operand(f.base(), dot);
                for (String name : f.names()) {
                    value = field(value, name, f);
                }
                yield value;
            }
        };
    }

    private JsonNode variable(Node.Variable v) throws TemplateException {
        int at = names.lastIndexOf(v.name());
        if (at < 0) {
            throw error(v.pos(), v.name(), "undefined variable: " + v.name());
        }
        return values.get(at);
    }

    private JsonNode field(JsonNode receiver, String name, Node.Field node) throws TemplateException {
        if (receiver.isObject()) {
            JsonNode value = receiver.get(name);
            if (value != null) {
                return value;
            }
            if (receiver == root && rootType != null) {
                throw error(node.pos(), node.toString(), "can't evaluate field " + name + " in type " + rootType);
            }
            return MissingNode.getInstance();
        }
        if (receiver.isMissingNode() || receiver.isNull()) {
            throw error(node.pos(), node.toString(), "nil pointer evaluating interface {}." + name);
        }
        throw error(node.pos(), node.toString(), "can't evaluate field " + name + " in type " + Values.type(receiver));
    }

    private void push(String name, JsonNode value) {
        names.add(name);
        values.add(value);
    }

    private void pop(int mark) {
        while (names.size() > mark) {
            names.removeLast();
            values.removeLast();
        }
    }

    private TemplateException error(int pos, String context, String message) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
        int column = pos - lineStart;
        return new TemplateException("template: :" + Lexer.line(text, pos) + ":" + column + ": executing \"\" at <"
                + context + ">: " + message);
    }
}
