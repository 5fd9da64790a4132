package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoTemplateTest {
    private static final JsonNode CONTAINER = json("""
            {"Id": "abc", "Name": "/web", "State": {"Status": "running", "Pid": 42, "Running": true},
             "Config": {"Cmd": ["sleep", "1000"], "Entrypoint": null, "Labels": {"b": "2", "a": "1"}}}
            """);

    private static JsonNode json(String text) {
        try {
            return DockerJson.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String apply(String template) throws CliException {
        return GoTemplate.parse(template).apply(CONTAINER);
    }

    @Test
    void pathsNavigateIntoTheObject() throws CliException {
        assertEquals("running", apply("{{.State.Status}}"));
        assertEquals("/web 42 true", apply("{{.Name}} {{ .State.Pid }} {{.State.Running}}"));
        assertEquals("pid=42.", apply("pid={{.State.Pid}}."));
        assertEquals("no template", apply("no template"));
    }

    @Test
    void valuesPrintAsGoPrintsThem() throws CliException {
        assertEquals("[sleep 1000]", apply("{{.Config.Cmd}}"));
        assertEquals("map[a:1 b:2]", apply("{{.Config.Labels}}"));
        assertEquals("<nil>", apply("{{.Config.Entrypoint}}"));
        assertEquals("<no value>", apply("{{.State.Missing}}"));
    }

    @Test
    void jsonPrintsJson() throws CliException {
        assertEquals("[\"sleep\",\"1000\"]", apply("{{json .Config.Cmd}}"));
        assertTrue(apply("{{json .}}").startsWith("{\"Id\":\"abc\""));
    }

    @Test
    void goTemplatesRun() throws CliException {
        assertEquals("x", apply("{{range .Config.Cmd}}{{if eq . \"1000\"}}x{{end}}{{end}}"));
        assertEquals("RUNNING sleep", apply("{{.State.Status | upper}} {{index .Config.Cmd 0}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{.State.Status", "{{nope .Id}}", "{{if .Id}}"})
    void aTemplateThatDoesNotParseIsDockersError(String template) {
        CliException e = assertThrows(CliException.class, () -> apply(template));
        assertEquals(ExitCodes.FAILURE, e.exitCode());
        assertTrue(e.getMessage().startsWith("template parsing error: template: :1: "), e.getMessage());
    }

    @Test
    void aListsRowLacksTheFieldsItsTypeLacks() {
        CliException e = assertThrows(CliException.class,
                () -> GoTemplate.parseRow("{{.Nope}}").apply(CONTAINER, "*formatter.ContainerContext"));
        assertEquals("template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope "
                + "in type *formatter.ContainerContext", e.getMessage());
    }

    @Test
    void aListsFormatReadsTabsAndNewLines() throws CliException {
        assertEquals("/web\trunning\n", GoTemplate.parseRow(" {{.Name}}\\t{{.State.Status}}\\n ").apply(CONTAINER));
    }

    @Test
    void fieldsOfAScalarAreAnError() {
        CliException e = assertThrows(CliException.class, () -> apply("{{.Name.First}}"));
        assertTrue(e.getMessage().contains("can't evaluate field First"), e.getMessage());
    }
}
