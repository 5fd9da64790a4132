package dev.minidocker.cli.template;

/** One token of a template: its kind, its text as written, and where it starts (an offset into the template). */
record Token(Kind kind, String text, int pos) {
    enum Kind {
        TEXT, LEFT, RIGHT, SPACE, FIELD, VARIABLE, DOT, IDENTIFIER, KEYWORD, STRING, RAW_STRING, CHAR, NUMBER,
        BOOL, NIL, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isKeyword(String word) {
        return kind == Kind.KEYWORD && text.equals(word);
    }
}
