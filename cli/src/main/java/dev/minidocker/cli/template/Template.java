package dev.minidocker.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Go template as Docker's {@code --format} takes it ({@code text/template} with Docker's
 * functions), run on JSON trees: {@code {{.Field.Field}}}, {@code {{json .}}}, pipelines,
 * variables, {@code if}/{@code else}/{@code with}/{@code range}, and the functions of
 * {@link Functions}. Errors are worded as Go's.
 */
public final class Template {
    private final String text;
    private final List<Node> nodes;
    private final Map<String, Functions.Call> functions;
    private final Map<String, Functions.Call> headerFunctions;

    private Template(String text, List<Node> nodes, Function<JsonNode, String> json) {
        this.text = text;
        this.nodes = nodes;
        this.functions = Functions.rows(json);
        this.headerFunctions = Functions.header(json);
    }

    /** {@code text} parsed; {@code json} is how the {@code json} function writes a value. */
    public static Template parse(String text, Function<JsonNode, String> json) throws TemplateException {
        return new Template(text, Parser.parse(text, Functions.rows(json).keySet()), json);
    }

    /** The template run on a map: a key it does not have prints {@code <no value>}. */
    public String render(JsonNode dot) throws TemplateException {
        return Executor.run(text, nodes, functions, dot, null);
    }

    /** The template run on a value of Docker's Go type {@code type}, whose missing fields are errors. */
    public String render(JsonNode dot, String type) throws TemplateException {
        return Executor.run(text, nodes, functions, dot, type);
    }

    /** A table's header: the template run on the column titles, by Docker's header functions. */
    public String renderHeader(JsonNode titles) throws TemplateException {
        return Executor.run(text, nodes, headerFunctions, titles, null);
    }
}
