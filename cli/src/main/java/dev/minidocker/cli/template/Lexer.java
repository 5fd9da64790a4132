package dev.minidocker.cli.template;

import dev.minidocker.cli.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into tokens as Go's text/template lexer does: text between actions, and inside
 * {@code {{ }}} fields, variables, literals, pipes, parentheses and keywords. {@code {{- } and
 * {@code  -}}} trim the white space of the text beside them; {@code {{/* ... *&#47;}}} is a comment.
 */
final class Lexer {
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final List<String> KEYWORDS =
            List.of("if", "else", "end", "range", "with", "break", "continue", "define", "template", "block");

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int parens;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokens(String template) throws TemplateException {
        Lexer lexer = new Lexer(template);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws TemplateException {
        boolean trimLeading = false;
        while (pos < input.length()) {
            int left = input.indexOf(LEFT, pos);
            int end = left < 0 ? input.length() : left;
            boolean trimTrailing = left >= 0 && isTrimMarker(left + LEFT.length());
            String text = input.substring(pos, end);
            if (trimLeading) {
                text = text.substring(leadingSpace(text));
            }
            if (trimTrailing) {
                text = stripTrailingSpace(text);
            }
            if (!text.isEmpty()) {
                tokens.add(new Token(Kind.TEXT, text, pos));
            }
            if (left < 0) {
                break;
            }
            pos = left + LEFT.length() + (trimTrailing ? 2 : 0);
            trimLeading = action(left);
        }
        tokens.add(new Token(Kind.EOF, "", input.length()));
    }

    /** Whether a left trim marker, "- ", starts at {@code at}. */
    private boolean isTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    /** One action from after its {{ to after its }}; returns whether it ended with a trim marker. */
    private boolean action(int start) throws TemplateException {
        if (input.startsWith("/*", pos)) {
            return comment(start);
        }
        tokens.add(new Token(Kind.LEFT, LEFT, start));
        parens = 0;
        while (true) {
            if (pos >= input.length()) {
                throw error(start, "unclosed action");
            }
            if (atRightTrim()) {
                tokens.add(new Token(Kind.RIGHT, RIGHT, pos));
                pos += 2 + RIGHT.length();
                return true;
            }
            if (input.startsWith(RIGHT, pos)) {
                if (parens > 0) {
                    throw error(pos, "unclosed left paren");
                }
                tokens.add(new Token(Kind.RIGHT, RIGHT, pos));
                pos += RIGHT.length();
                return false;
            }
            inside();
        }
    }

    private boolean atRightTrim() {
        return pos + 1 < input.length() && isSpace(input.charAt(pos)) && input.charAt(pos + 1) == '-'
                && input.startsWith(RIGHT, pos + 2);
    }

    private boolean comment(int start) throws TemplateException {
        int close = input.indexOf("*/", pos + 2);
        if (close < 0) {
            throw error(start, "unclosed comment");
        }
        pos = close + 2;
        if (atRightTrim()) {
            pos += 2 + RIGHT.length();
            return true;
        }
        if (!input.startsWith(RIGHT, pos)) {
            throw error(start, "comment ends before closing delimiter");
        }
        pos += RIGHT.length();
        return false;
    }

    /** One token inside an action. */
    private void inside() throws TemplateException {
        int start = pos;
        char c = input.charAt(pos);
        if (isSpace(c)) {
            while (pos < input.length() && isSpace(input.charAt(pos)) && !atRightTrim()) {
                pos++;
            }
            add(Kind.SPACE, start);
        } else if (c == '=') {
            pos++;
            add(Kind.ASSIGN, start);
        } else if (c == ':') {
            if (!input.startsWith(":=", pos)) {
                throw error(pos, "expected :=");
            }
            pos += 2;
            add(Kind.DECLARE, start);
        } else if (c == '|') {
            pos++;
            add(Kind.PIPE, start);
        } else if (c == ',') {
            pos++;
            add(Kind.COMMA, start);
        } else if (c == '(') {
            parens++;
            pos++;
            add(Kind.LEFT_PAREN, start);
        } else if (c == ')') {
            if (--parens < 0) {
                throw error(pos, "unexpected right paren");
            }
            pos++;
            add(Kind.RIGHT_PAREN, start);
        } else if (c == '"') {
            quoted('"', Kind.STRING, "unterminated quoted string");
        } else if (c == '`') {
            quoted('`', Kind.RAW_STRING, "unterminated raw quoted string");
        } else if (c == '\'') {
            quoted('\'', Kind.CHAR, "unterminated character constant");
        } else if (c == '$') {
            pos++;
            name();
            add(Kind.VARIABLE, start);
        } else if (c == '.' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
            number();
        } else if (c == '.') {
            pos++;
            name();
            add(pos - start == 1 ? Kind.DOT : Kind.FIELD, start);
        } else if (c == '+' || c == '-' || Character.isDigit(c)) {
            number();
        } else if (isAlphaNumeric(c)) {
            name();
            String word = input.substring(start, pos);
            add(KEYWORDS.contains(word) ? Kind.KEYWORD : word.equals("true") || word.equals("false") ? Kind.BOOL
                    : word.equals("nil") ? Kind.NIL : Kind.IDENTIFIER, start);
        } else {
            throw error(pos, String.format("unrecognized character in action: U+%04X '%c'", (int) c, c));
        }
    }

    private void name() throws TemplateException {
        while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            pos++;
        }
        if (pos < input.length() && !isSpace(input.charAt(pos)) && ".,|:)(=".indexOf(input.charAt(pos)) < 0
                && !input.startsWith(RIGHT, pos)) {
            char bad = input.charAt(pos);
            throw error(pos, String.format("bad character U+%04X '%c'", (int) bad, bad));
        }
    }

    private void number() throws TemplateException {
        int start = pos;
        if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
            pos++;
        }
        while (pos < input.length() && (isAlphaNumeric(input.charAt(pos)) || input.charAt(pos) == '.'
                || ((input.charAt(pos) == '+' || input.charAt(pos) == '-')
                        && "eEpP".indexOf(input.charAt(pos - 1)) >= 0 && !input.startsWith("0x", start)))) {
            pos++;
        }
        add(Kind.NUMBER, start);
    }

    private void quoted(char quote, Kind kind, String unterminated) throws TemplateException {
        int start = pos++;
        while (true) {
            if (pos >= input.length() || (quote != '`' && input.charAt(pos) == '\n')) {
                throw error(start, unterminated);
            }
            char c = input.charAt(pos++);
            if (c == '\\' && quote != '`') {
                pos++;
            } else if (c == quote) {
                break;
            }
        }
        add(kind, start);
    }

    private void add(Kind kind, int start) {
        tokens.add(new Token(kind, input.substring(start, pos), start));
    }

    private TemplateException error(int at, String message) {
        return new TemplateException("template: :" + line(input, at) + ": " + message);
    }

    /** The line of {@code at} in {@code text}, from 1. */
    static int line(String text, int at) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int leadingSpace(String text) {
        int start = 0;
        while (start < text.length() && isSpace(text.charAt(start))) {
            start++;
        }
        return start;
    }

    private static String stripTrailingSpace(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphaNumeric(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
