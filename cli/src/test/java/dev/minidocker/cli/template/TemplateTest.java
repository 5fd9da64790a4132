package dev.minidocker.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of Docker's "Format command and log output" page, and Go's text/template rules. */
class TemplateTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode CONTAINER = json("""
            {"Id": "abc", "Name": "/web", "State": {"Status": "running", "Pid": 42, "Running": true, "ExitCode": 0},
             "Config": {"Cmd": ["sleep", "1000"], "Entrypoint": null, "Env": ["A=1", "PATH=/bin"],
                        "Labels": {"b": "2", "a": "1", "com.example.vendor": "ACME"}},
             "Args": ["-c", "echo hi"],
             "Mounts": [{"Source": "/s1", "Destination": "/d1"}, {"Source": "/s2", "Destination": "/d2"}],
             "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2"}},
                                 "Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}},
             "Ratio": 0.5, "Big": 1e21}
            """);

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String render(String template) throws TemplateException {
        return Template.parse(template, TemplateTest::toJson).render(CONTAINER);
    }

    private static String error(String template) {
        return assertThrows(TemplateException.class, () -> render(template)).getMessage();
    }

    @Test
    void fieldsAndChains() throws TemplateException {
        assertEquals("running", render("{{.State.Status}}"));
        assertEquals("/web 42 true", render("{{.Name}} {{ .State.Pid }} {{.State.Running}}"));
        assertEquals("172.17.0.2", render("{{.NetworkSettings.Networks.bridge.IPAddress}}"));
        assertEquals("no template", render("no template"));
        assertEquals("42", render("{{$.State.Pid}}"));
        assertEquals("running", render("{{(.State).Status}}"));
    }

    @Test
    void valuesPrintAsGoPrintsThem() throws TemplateException {
        assertEquals("[sleep 1000]", render("{{.Config.Cmd}}"));
        assertEquals("map[a:1 b:2 com.example.vendor:ACME]", render("{{.Config.Labels}}"));
        assertEquals("<nil>", render("{{.Config.Entrypoint}}"));
        assertEquals("<no value>", render("{{.State.Missing}}"));
        assertEquals("0.5 1e+21", render("{{.Ratio}} {{.Big}}"));
    }

    @Test
    void dockersExamples() throws TemplateException {
        // join, json, lower, split, title, upper, println as the docs show them
        assertEquals("-c, echo hi", render("{{join .Args \", \"}}"));
        assertEquals("{\"b\":\"2\",\"a\":\"1\",\"com.example.vendor\":\"ACME\"}", render("{{json .Config.Labels}}"));
        assertEquals("running", render("{{lower \"RUNNING\"}}"));
        assertEquals("[ web]", render("{{split .Name \"/\"}}"));
        assertEquals("Hello World", render("{{title \"hello world\"}}"));
        assertEquals("RUNNING", render("{{upper .State.Status}}"));
        assertEquals("-c 0\n echo hi 1\n ", render("{{range $k, $v := .Args}}{{println $v $k}} {{end}}"));
        assertEquals("ACME", render("{{index .Config.Labels \"com.example.vendor\"}}"));
        assertEquals("8080", render("{{range $p, $conf := .NetworkSettings.Ports}}{{(index $conf 0).HostPort}}{{end}}"));
        assertEquals("/s1 -> /d1\n/s2 -> /d2\n",
                render("{{range .Mounts}}{{.Source}} -> {{.Destination}}\n{{end}}"));
        assertEquals("  web ", render("{{pad \"web\" 2 1}}"));
        assertEquals("ab", render("{{truncate .Id 2}}"));
    }

    @Test
    void controlStructures() throws TemplateException {
        assertEquals("up", render("{{if .State.Running}}up{{else}}down{{end}}"));
        assertEquals("zero", render("{{if eq .State.ExitCode 0}}zero{{end}}"));
        assertEquals("B", render("{{if eq .State.Pid 1}}A{{else if eq .State.Pid 42}}B{{else}}C{{end}}"));
        assertEquals("none", render("{{range .Config.Entrypoint}}x{{else}}none{{end}}"));
        assertEquals("running", render("{{with .State}}{{.Status}}{{end}}"));
        assertEquals("a=1;b=2;", render("{{range $k, $v := .Config.Labels}}{{if ne $k \"com.example.vendor\"}}"
                + "{{$k}}={{$v}};{{end}}{{end}}"));
        assertEquals("A=1", render("{{range .Config.Env}}{{if eq . \"PATH=/bin\"}}{{break}}{{end}}{{.}}{{end}}"));
        assertEquals("1", render("{{$n := len .Mounts}}{{$n = 1}}{{$n}}"));
        assertEquals("x-y", render("{{- \"x\" }} \n {{- \"-\" -}} \t {{ \"y\" -}}"));
        assertEquals("a", render("{{/* a comment */}}a"));
    }

    @Test
    void builtins() throws TemplateException {
        assertEquals("2 1", render("{{len .Mounts}} {{len .Config.Cmd | printf \"%d\" | len}}"));
        assertEquals("pid=00042 [sleep 1000] \"web\" 2a 0.500", render(
                "{{printf \"pid=%05d %v %q %x %.3f\" .State.Pid .Config.Cmd (slice .Name 1) .State.Pid .Ratio}}"));
        assertEquals("%!d(string=x) %!s(MISSING)", render("{{printf \"%d %s\" \"x\"}}"));
        assertEquals("true false true", render("{{and 1 true}} {{or 0 false}} {{not 0}}"));
        assertEquals("true true", render("{{lt 1 2}} {{ge \"b\" \"a\"}}"));
        assertEquals("a1 2", render("{{print \"a\" 1 2}}"));
        assertEquals("&lt;b&gt; a+b%2F", render("{{html \"<b>\"}} {{urlquery \"a b/\"}}"));
        assertEquals("sleep", render("{{index .Config.Cmd 0}}"));
        assertEquals("", render("{{index .Config.Labels \"missing\"}}"));
    }

    @Test
    void headerFunctionsLeaveTitlesAsTheyAre() throws TemplateException {
        Template t = Template.parse("{{upper .Names}}\t{{json .ID}}", TemplateTest::toJson);
        assertEquals("NAMES\tCONTAINER ID", t.renderHeader(json("{\"Names\": \"NAMES\", \"ID\": \"CONTAINER ID\"}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{{.State.Status|template: :1: unclosed action",
        "{{foo .Name}}|template: :1: function \"foo\" not defined",
        "{{if .State}}x|template: :1: unexpected EOF",
        "{{end}}|template: :1: unexpected {{end}}",
        "{{}}|template: :1: missing value for command",
        "{{break}}|template: :1: {{break}} outside {{range}}",
        "{{define \"x\"}}{{end}}|template: :1: {{define}} is not supported: a --format is one template",
    })
    void parseErrorsAreGos(String template, String message) {
        assertEquals(message, error(template));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{{.Name.First}}|template: :1:2: executing \"\" at <.Name.First>: can't evaluate field First in type string",
        "{{.Nope.X}}|template: :1:2: executing \"\" at <.Nope.X>: nil pointer evaluating interface {}.X",
        "{{upper .State.Pid}}|template: :1:2: executing \"\" at <upper .State.Pid>: wrong type for value; expected string; got int",
        "{{join .Args}}|template: :1:2: executing \"\" at <join .Args>: wrong number of args for join: want 2 got 1",
        "{{eq .Args 1}}|template: :1:2: executing \"\" at <eq .Args 1>: error calling eq: non-comparable type [-c echo hi]: []interface {}",
        "{{.Name 1}}|template: :1:2: executing \"\" at <.Name 1>: Name is not a method but has arguments",
    })
    void executionErrorsAreGos(String template, String message) {
        assertEquals(message, error(template));
    }

    @Test
    void errorsNameTheLineAndColumn() {
        assertEquals("template: :2:3: executing \"\" at <index .Config.Cmd 5>: error calling index: index out of range: 5",
                error("x\n {{index .Config.Cmd 5}}"));
    }

    @Test
    void aStructsMissingFieldIsAnError() throws TemplateException {
        Template t = Template.parse("{{.Nmae}}", TemplateTest::toJson);
        TemplateException e = assertThrows(TemplateException.class,
                () -> t.render(json("{\"Names\": \"web\"}"), "*formatter.ContainerContext"));
        assertEquals("template: :1:2: executing \"\" at <.Nmae>: can't evaluate field Nmae in type "
                + "*formatter.ContainerContext", e.getMessage());
    }
}
