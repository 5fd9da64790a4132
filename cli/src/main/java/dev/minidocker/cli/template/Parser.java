package dev.minidocker.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.minidocker.cli.template.Node.Command;
import dev.minidocker.cli.template.Node.Expr;
import dev.minidocker.cli.template.Node.Pipeline;
import dev.minidocker.cli.template.Token.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the tree of a template from its tokens, as Go's text/template/parse does, with its error
 * messages: a function it does not know, a {@code {{end}}} without its {@code {{if}}}, an action
 * left open. {@code define}, {@code template} and {@code block} (named templates) are refused: a
 * {@code --format} is one template.
 */
final class Parser {
    private final String text;
    private final List<Token> tokens;
    private final Set<String> functions;
    private int next;
    private int loops;

    private Parser(String text, Set<String> functions) throws TemplateException {
        this.text = text;
        this.tokens = Lexer.tokens(text);
        this.functions = functions;
    }

    static List<Node> parse(String text, Set<String> functions) throws TemplateException {
        Parser parser = new Parser(text, functions);
        List<Node> nodes = new ArrayList<>();
        while (!parser.peek().is(Kind.EOF)) {
            Node node = parser.node();
            if (node instanceof Node.End end) {
                throw parser.error(end.pos(), "unexpected {{" + end.keyword() + "}}");
            }
            nodes.add(node);
        }
        return nodes;
    }

    private Node node() throws TemplateException {
        Token t = take();
        if (t.is(Kind.TEXT)) {
            return new Node.Text(t.pos(), t.text());
        }
        if (!t.is(Kind.LEFT)) {
            throw error(t.pos(), "unexpected " + describe(t));
        }
        skipSpace();
        Token word = peek();
        if (word.is(Kind.KEYWORD)) {
            take();
            return switch (word.text()) {
                case "if", "with" -> control(word, false);
                case "range" -> control(word, true);
                case "end" -> {
                    closeAction("end");
                    yield new Node.End(word.pos(), "end", null);
                }
                case "else" -> elseNode(word);
                case "break", "continue" -> {
                    if (loops == 0) {
                        throw error(word.pos(), "{{" + word.text() + "}} outside {{range}}");
                    }
                    closeAction(word.text());
                    yield new Node.LoopJump(word.pos(), word.text());
                }
                default -> throw error(word.pos(), "{{" + word.text() + "}} is not supported: a --format is one template");
            };
        }
        Pipeline pipeline = pipeline("command", true);
        return new Node.Action(t.pos(), pipeline);
    }

    /** {{else}}, or {{else if ...}} / {{else with ...}}, which Go reads as an else holding one more if / with. */
    private Node elseNode(Token word) throws TemplateException {
        skipSpace();
        Token after = peek();
        if (after.isKeyword("if") || after.isKeyword("with")) {
            take();
            return new Node.End(word.pos(), "else", control(after, false));
        }
        closeAction("else");
        return new Node.End(word.pos(), "else", null);
    }

    private Node control(Token keyword, boolean loop) throws TemplateException {
        Pipeline pipeline = pipeline(keyword.text(), false);
        if (loop) {
            loops++;
        }
        List<Node> body = new ArrayList<>();
        Node.End end = list(body);
        if (loop) {
            loops--;
        }
        List<Node> otherwise = new ArrayList<>();
        if (end.keyword().equals("else")) {
            if (end.chained() != null) {
                // {{else if}} ends the whole chain with the one {{end}} its inner if consumed.
                otherwise.add(end.chained());
            } else {
                Node.End last = list(otherwise);
                if (!last.keyword().equals("end")) {
                    throw error(last.pos(), "expected end; found {{else}}");
                }
            }
        }
        return new Node.Control(keyword.pos(), keyword.text(), pipeline, body, otherwise);
    }

    /** Nodes into {@code into} until an {{end}} or {{else}}. */
    private Node.End list(List<Node> into) throws TemplateException {
        while (true) {
            if (peek().is(Kind.EOF)) {
                throw error(text.length(), "unexpected EOF");
            }
            Node node = node();
            if (node instanceof Node.End end) {
                return end;
            }
            into.add(node);
        }
    }

    private void closeAction(String keyword) throws TemplateException {
        skipSpace();
        Token t = take();
        if (!t.is(Kind.RIGHT)) {
            throw error(t.pos(), "unexpected " + describe(t) + " in " + keyword);
        }
    }

    /** A pipeline up to the closing }}, or up to the ) when {@code action} is false and it is parenthesized. */
    private Pipeline pipeline(String context, boolean action) throws TemplateException {
        skipSpace();
        int pos = peek().pos();
        List<String> variables = new ArrayList<>();
        boolean declares = false;
        int mark = next;
        // $x := ..., $k, $v := ..., $x = ...
        if (peek().is(Kind.VARIABLE)) {
            List<String> names = new ArrayList<>();
            while (peek().is(Kind.VARIABLE)) {
                names.add(take().text());
                skipSpace();
                if (peek().is(Kind.COMMA) && names.size() == 1) {
                    take();
                    skipSpace();
                } else {
                    break;
                }
            }
            if (peek().is(Kind.DECLARE) || peek().is(Kind.ASSIGN)) {
                declares = take().is(Kind.DECLARE);
                if (names.size() > 1 && !context.equals("range")) {
                    throw error(pos, "too many declarations in " + context);
                }
                variables = names;
            } else {
                next = mark;
            }
        }
        List<Command> commands = new ArrayList<>();
        while (true) {
            skipSpace();
            Token t = peek();
            if (t.is(Kind.RIGHT) || t.is(Kind.RIGHT_PAREN)) {
                if (t.is(Kind.RIGHT_PAREN) && action) {
                    throw error(t.pos(), "unexpected right paren");
                }
                take();
                break;
            }
            commands.add(command());
            skipSpace();
            if (peek().is(Kind.PIPE)) {
                take();
                skipSpace();
                if (peek().is(Kind.RIGHT) || peek().is(Kind.RIGHT_PAREN)) {
                    throw error(peek().pos(), "missing command after |");
                }
            }
        }
        if (commands.isEmpty()) {
            throw error(pos, "missing value for " + context);
        }
        return new Pipeline(pos, variables, declares, commands);
    }

    private Command command() throws TemplateException {
        int pos = peek().pos();
        List<Expr> args = new ArrayList<>();
        while (true) {
            skipSpace();
            Token t = peek();
            if (t.is(Kind.RIGHT) || t.is(Kind.RIGHT_PAREN) || t.is(Kind.PIPE)) {
                break;
            }
            args.add(operand());
            Token after = peek();
            if (!after.is(Kind.SPACE) && !after.is(Kind.RIGHT) && !after.is(Kind.RIGHT_PAREN)
                    && !after.is(Kind.PIPE)) {
                throw error(after.pos(), "unexpected " + describe(after) + " in operand");
            }
        }
        return new Command(pos, args);
    }

    /** A term and the fields that follow it without space: {@code .A.B}, {@code $x.A}, {@code (...).A}. */
    private Expr operand() throws TemplateException {
        Expr term = term();
        if (!peek().is(Kind.FIELD)) {
            return term;
        }
        List<String> names = new ArrayList<>();
        while (peek().is(Kind.FIELD)) {
            names.add(take().text().substring(1));
        }
        if (term instanceof Node.Field f && f.base() == null) {
            List<String> all = new ArrayList<>(f.names());
            all.addAll(names);
            return new Node.Field(f.pos(), null, all);
        }
        if (term instanceof Node.Literal || term instanceof Node.Identifier) {
            throw error(term.pos(), "unexpected . after term \"" + term + "\"");
        }
        return new Node.Field(term.pos(), term, names);
    }

    private Expr term() throws TemplateException {
        Token t = take();
        JsonNodeFactory values = JsonNodeFactory.instance;
        return switch (t.kind()) {
            case DOT -> new Node.Dot(t.pos());
            case FIELD -> new Node.Field(t.pos(), null, List.of(t.text().substring(1)));
            case VARIABLE -> new Node.Variable(t.pos(), t.text());
            case IDENTIFIER -> {
                if (!functions.contains(t.text())) {
                    throw error(t.pos(), "function \"" + t.text() + "\" not defined");
                }
                yield new Node.Identifier(t.pos(), t.text());
            }
            case BOOL -> new Node.Literal(t.pos(), values.booleanNode(t.text().equals("true")), t.text());
            case NIL -> new Node.Literal(t.pos(), values.nullNode(), t.text());
            case STRING -> new Node.Literal(t.pos(), values.textNode(unquote(t)), t.text());
            case RAW_STRING -> new Node.Literal(t.pos(), values.textNode(t.text().substring(1, t.text().length() - 1)),
                    t.text());
            case CHAR -> new Node.Literal(t.pos(), values.numberNode(unquote(t).codePointAt(0)), t.text());
            case NUMBER -> new Node.Literal(t.pos(), number(t), t.text());
            case LEFT_PAREN -> new Node.Parenthesized(t.pos(), pipeline("parenthesized pipeline", false));
            default -> throw error(t.pos(), "unexpected " + describe(t) + " in operand");
        };
    }

    private JsonNode number(Token t) throws TemplateException {
        String n = t.text().replace("_", "");
        JsonNodeFactory values = JsonNodeFactory.instance;
        try {
            boolean negative = n.startsWith("-");
            String digits = n.startsWith("-") || n.startsWith("+") ? n.substring(1) : n;
            int radix = 10;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                radix = 16;
            } else if (digits.startsWith("0o") || digits.startsWith("0O")) {
                radix = 8;
            } else if (digits.startsWith("0b") || digits.startsWith("0B")) {
                radix = 2;
            }
            if (radix != 10) {
                digits = digits.substring(2);
            } else if (digits.length() > 1 && digits.startsWith("0") && digits.chars().allMatch(Character::isDigit)) {
                radix = 8;
            }
            if (radix != 10 || digits.chars().allMatch(Character::isDigit)) {
                BigInteger value = new BigInteger(digits, radix);
                return values.numberNode((negative ? value.negate() : value).longValueExact());
            }
            return values.numberNode(Double.parseDouble(n));
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(t.pos(), "bad number syntax: \"" + t.text() + "\"");
        }
    }

    /** The value of a "..." string or a '.' character, with Go's escapes. */
    private String unquote(Token t) throws TemplateException {
        String s = t.text().substring(1, t.text().length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw error(t.pos(), "invalid syntax: " + t.text());
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '"', '\'' -> out.append(e);
                case 'x', 'u', 'U' -> {
                    int length = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    try {
                        out.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 1 + length), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
                        throw error(t.pos(), "invalid syntax: " + t.text());
                    }
                    i += length;
                }
                default -> throw error(t.pos(), "invalid syntax: " + t.text());
            }
        }
        return out.toString();
    }

    private void skipSpace() {
        while (peek().is(Kind.SPACE)) {
            next++;
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (!t.is(Kind.EOF)) {
            next++;
        }
        return t;
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "EOF";
            case RIGHT -> "\"}}\"";
            default -> "<" + t.text() + ">";
        };
    }

    private TemplateException error(int at, String message) {
        return new TemplateException("template: :" + Lexer.line(text, at) + ": " + message);
    }
}
