package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.spec.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the shim requires of config.json, what it takes for what is left out, and its questions about the spec. */
class SpecReaderTest {
    private static RuntimeSpec read(String json) throws JsonException {
        return SpecReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fillsInWhatIsLeftOutAsRuncDoes() throws JsonException {
        RuntimeSpec spec = read("{\"process\": {\"args\": [\"true\"]}, \"root\": {\"path\": \"rootfs\"}}");
        assertEquals("/", spec.process().cwd());
        assertEquals(new RuntimeSpec.User(0, 0, List.of()), spec.process().user());
        assertEquals(List.of(), spec.process().capabilities().bounding());
        assertTrue(spec.mounts().isEmpty());
        assertEquals(List.of(), spec.linux().maskedPaths());
        assertTrue(SpecReader.cgroupNamespace(spec), "no namespace list: a cgroup namespace");
        assertFalse(SpecReader.userNamespace(spec));
        assertFalse(SpecReader.explain(spec));
        assertEquals(null, spec.hostname());
    }

    @Test
    void answersFromTheNamespacesAndAnnotations() throws JsonException {
        RuntimeSpec spec = read("""
                {"process": {"args": ["sh"], "cwd": "/w", "user": {"uid": 1000, "gid": 1000}},
                 "root": {"path": "rootfs"},
                 "linux": {"namespaces": [{"type": "mount"}, {"type": "user"}]},
                 "annotations": {"%s": "true", "%s": "bob:staff"}}""".formatted(Annotations.EXPLAIN, Annotations.USER));
        assertEquals("/w", spec.process().cwd());
        assertEquals(new RuntimeSpec.User(1000, 1000, List.of()), spec.process().user());
        assertFalse(SpecReader.cgroupNamespace(spec), "the list leaves the cgroup namespace out");
        assertTrue(SpecReader.userNamespace(spec));
        assertTrue(SpecReader.explain(spec));
        assertEquals("bob:staff", spec.annotation(Annotations.USER));
    }

    @Test
    void faultsNameTheMember() {
        assertEquals("root.path is missing", fault("{\"process\": {\"args\": [\"true\"]}}"));
        assertEquals("root.path is missing", fault("{\"process\": {\"args\": [\"true\"]}, \"root\": {}}"));
        assertEquals("process.args is empty: nothing to run", fault("{\"root\": {\"path\": \"r\"}}"));
        assertEquals("process.user.uid is not a number",
                fault("{\"process\": {\"args\": [\"x\"], \"user\": {\"uid\": \"0\"}}, \"root\": {\"path\": \"r\"}}"));
        assertEquals("process.args[1] is not a string",
                fault("{\"process\": {\"args\": [\"x\", 2]}, \"root\": {\"path\": \"r\"}}"));
        assertEquals("mounts[0] is not an object",
                fault("{\"process\": {\"args\": [\"x\"]}, \"root\": {\"path\": \"r\"}, \"mounts\": [1]}"));
        assertEquals("the document is not an object", fault("[]"));
        assertEquals("malformed JSON at line 1, column 2: a member name in quotes expected, found 'x'", fault("{x"));
    }

    private static String fault(String json) {
        return assertThrows(JsonException.class, () -> read(json)).getMessage();
    }
}
