package dev.minidocker.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A parsed template, as Go's text/template/parse has it: text, actions and the control structures,
 * whose pipelines are commands of arguments. Each node keeps its offset in the template, for errors,
 * and prints as it was written (Go's {@code at <.Foo>}).
 */
sealed interface Node {
    int pos();

    record Text(int pos, String text) implements Node {
    }

    /** {@code {{pipeline}}}: its value printed, unless it declares or assigns variables. */
    record Action(int pos, Pipeline pipeline) implements Node {
    }

    /** {@code if}, {@code range} and {@code with}, each with an {@code else} part (maybe empty). */
    record Control(int pos, String keyword, Pipeline pipeline, List<Node> body, List<Node> otherwise)
            implements Node {
    }

    /**
     * {@code {{end}}} or {@code {{else}}} (with the if or with of an {@code {{else if}}}): ends a list
     * while the template is parsed; never left in its tree.
     */
    record End(int pos, String keyword, Node chained) implements Node {
    }

    /** {@code {{break}}} or {@code {{continue}}} inside a range. */
    record LoopJump(int pos, String keyword) implements Node {
    }

    /** Commands joined by {@code |}, each given the value of the one before as its last argument. */
    record Pipeline(int pos, List<String> variables, boolean declares, List<Command> commands) {
        @Override
        public String toString() {
            String decl = variables.isEmpty() ? "" : String.join(", ", variables) + (declares ? " := " : " = ");
            return decl + String.join(" | ", commands.stream().map(Command::toString).toList());
        }
    }

    /** A function, method or value, and its arguments. */
    record Command(int pos, List<Expr> args) {
        @Override
        public String toString() {
            return String.join(" ", args.stream().map(Expr::toString).toList());
        }
    }

    /** An argument of a command. */
    sealed interface Expr {
        int pos();
    }

    /** {@code .} */
    record Dot(int pos) implements Expr {
        @Override
        public String toString() {
            return ".";
        }
    }

    /** {@code .A.B}, or {@code $x.A.B} and {@code (pipeline).A.B} when {@code base} is set. */
    record Field(int pos, Expr base, List<String> names) implements Expr {
        @Override
        public String toString() {
            String path = "." + String.join(".", names);
            return base == null ? path : base + path;
        }
    }

    /** {@code $} or {@code $name}. */
    record Variable(int pos, String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A function's name. */
    record Identifier(int pos, String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A string, number, boolean or {@code nil}: its value, and how it was written. */
    record Literal(int pos, JsonNode value, String text) implements Expr {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code (pipeline)}. */
    record Parenthesized(int pos, Pipeline pipeline) implements Expr {
        @Override
        public String toString() {
            return "(" + pipeline + ")";
        }
    }
}
