package dev.minidocker.cli.template;

/**
 * A template that cannot be parsed or executed, worded as Go's text/template words it:
 * {@code template: :1: function "foo" not defined},
 * {@code template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type ...}.
 */
public final class TemplateException extends Exception {
    public TemplateException(String message) {
        super(message);
    }
}
