package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecTest {
    private static String resource(String name) throws Exception {
        try (InputStream in = SpecTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsWhatTheShimCarriesOutFromADockerConfig() throws Exception {
        Spec spec = Spec.parse(resource("docker-busybox-config.json"));
        Spec.Process p = spec.process();
        assertEquals(List.of("sh", "-c", "echo \"hi\" > /tmp/x\tdone"), p.args());
        assertEquals(new Spec.User(1000, 1000, List.of(10, 1000)), p.user());
        assertTrue(p.terminal());
        assertEquals(14, p.capabilities().bounding().size());
        assertEquals(List.of(new Spec.Rlimit("RLIMIT_NOFILE", 1024, -1)), p.rlimits());
        assertEquals(new Spec.Root("/var/lib/docker/overlay2/0f3a/merged", false), spec.root());
        assertEquals("4f2c1e0b9a8d", spec.hostname());
        assertEquals(new Spec.Mount("/etc/hosts", "bind", "/var/lib/docker/containers/4f2c/hosts",
                List.of("rbind", "rprivate")), spec.mounts().get(2));
        assertEquals(List.of("/proc/asound", "/proc/acpi", "/proc/kcore"), spec.linux().maskedPaths());
        assertEquals(List.of("mount", "network", "uts", "pid", "ipc"), spec.linux().namespaces());
        assertFalse(spec.cgroupNamespace(), "the list leaves the cgroup namespace out");
        assertTrue(spec.explain());
        assertEquals("bob:staff", spec.annotation(Spec.USER));
    }

    @Test
    void defaultsForWhatIsLeftOut() {
        Spec spec = Spec.parse("{\"process\": {\"args\": [\"true\"]}, \"root\": {\"path\": \"rootfs\"}}");
        assertEquals("/", spec.process().cwd());
        assertEquals(new Spec.User(0, 0, List.of()), spec.process().user());
        assertTrue(spec.mounts().isEmpty());
        assertTrue(spec.cgroupNamespace());
        assertFalse(spec.explain());
        assertEquals(null, spec.hostname());
    }

    @Test
    void faultsNameTheMember() {
        assertEquals("root.path is missing", fault("{\"process\": {\"args\": [\"true\"]}}"));
        assertEquals("process.args is empty: nothing to run", fault("{\"root\": {\"path\": \"r\"}}"));
        assertEquals("process.user.uid is not a number",
                fault("{\"process\": {\"args\": [\"x\"], \"user\": {\"uid\": \"0\"}}, \"root\": {\"path\": \"r\"}}"));
        assertEquals("process.args[1] is not a string",
                fault("{\"process\": {\"args\": [\"x\", 2]}, \"root\": {\"path\": \"r\"}}"));
        assertEquals("mounts[0] is not an object",
                fault("{\"process\": {\"args\": [\"x\"]}, \"root\": {\"path\": \"r\"}, \"mounts\": [1]}"));
        assertEquals("the document is not an object", fault("[]"));
    }

    private static String fault(String json) {
        return assertThrows(IllegalArgumentException.class, () -> Spec.parse(json)).getMessage();
    }
}
