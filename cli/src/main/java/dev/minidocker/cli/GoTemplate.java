package dev.minidocker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minidocker.cli.template.Template;
import dev.minidocker.cli.template.TemplateException;

/**
 * A {@code --format} template ({@link Template}: Go's text/template with Docker's functions) with
 * Docker's error wording: {@code template parsing error: template: :1: ...} and exit status 1 for
 * a template that does not parse, or one that fails on a list's row. {@code \t} and {@code \n}
 * typed in a list's format are a tab and a new line, as Docker's formatter reads them.
 */
final class GoTemplate {
    private static final String PARSING = "template parsing error: ";

    private final Template template;

    private GoTemplate(Template template) {
        this.template = template;
    }

    static GoTemplate parse(String text) throws CliException {
        try {
            return new GoTemplate(Template.parse(text, DockerJson::line));
        } catch (TemplateException e) {
            throw new CliException(PARSING + e.getMessage(), ExitCodes.FAILURE);
        }
    }

    /** A {@code --format} for one object or for each of a list: {@code json} is Docker's {@code {{json .}}}. */
    static GoTemplate ofFormat(String format) throws CliException {
        return format.equals("json") ? parse("{{json .}}") : parseRow(format);
    }

    /** A list's {@code --format}: its escapes read, as Docker's formatter does first. */
    static GoTemplate parseRow(String text) throws CliException {
        int start = 0;
        int end = text.length();
        // Spaces only, as Docker trims it: a tab or new line typed at either end stays.
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return parse(text.substring(start, end).replace("\\t", "\t").replace("\\n", "\n"));
    }

    /** The template on a map ({@code inspect}'s objects): its missing keys print {@code <no value>}. */
    String apply(JsonNode dot) throws CliException {
        try {
            return template.render(dot);
        } catch (TemplateException e) {
            throw new CliException(e.getMessage(), ExitCodes.FAILURE);
        }
    }

    /** The template on a list's row, of Docker's Go type {@code type}: a field it lacks is an error. */
    String apply(JsonNode row, String type) throws CliException {
        try {
            return template.render(row, type);
        } catch (TemplateException e) {
            throw new CliException(PARSING + e.getMessage(), ExitCodes.FAILURE);
        }
    }

    /** A table's header line: the template on the column titles. */
    String header(JsonNode titles) throws CliException {
        try {
            return template.renderHeader(titles);
        } catch (TemplateException e) {
            throw new CliException(PARSING + e.getMessage(), ExitCodes.FAILURE);
        }
    }
}
