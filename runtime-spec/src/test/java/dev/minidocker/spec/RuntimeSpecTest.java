package dev.minidocker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config.json with the runtime spec's names: every field written and read back, Docker's own config read. */
class RuntimeSpecTest {
    private static final List<String> CAPS = List.of("CAP_CHOWN", "CAP_KILL");

    static byte[] canned(String name) throws IOException {
        try (InputStream in = RuntimeSpecTest.class.getResourceAsStream("/spec/" + name)) {
            return in.readAllBytes();
        }
    }

    private static RuntimeSpec read(String json) throws JsonException {
        return JsonObject.read(json.getBytes(StandardCharsets.UTF_8), RuntimeSpec::fromJson);
    }

    /** Every field this model has, each with a value. */
    static RuntimeSpec full() {
        var process = new RuntimeSpec.Process(true, new RuntimeSpec.User(1000, 100, List.of(5, 6)),
                List.of("sh", "-c", "echo \"é😀\""), List.of("PATH=/bin"), "/work",
                new RuntimeSpec.Capabilities(CAPS, CAPS, List.of("CAP_KILL"), CAPS, List.of("CAP_CHOWN")),
                List.of(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", -1, 1024)), true);
        var resources = new Resources(List.of(new Resources.DeviceRule(false, null, null, null, "rwm"),
                new Resources.DeviceRule(true, "c", 1L, 3L, "rwm")), new Resources.Memory(64L << 20, 32L << 20, -1L),
                new Resources.Cpu(512L, 150_000L, 100_000L, "0-1"), new Resources.Pids(10));
        var seccomp = new Seccomp("SCMP_ACT_ERRNO", 1L, List.of("SCMP_ARCH_X86_64"), List.of(
                new Seccomp.Syscall(List.of("accept", "accept4"), "SCMP_ACT_ALLOW", null, List.of()),
                new Seccomp.Syscall(List.of("personality"), "SCMP_ACT_ALLOW", null,
                        List.of(new Seccomp.Arg(0, 0xffffffffL, 0, "SCMP_CMP_EQ"))),
                new Seccomp.Syscall(List.of("clone"), "SCMP_ACT_ERRNO", 38L,
                        List.of(new Seccomp.Arg(0, 0x7e020000L, -1, "SCMP_CMP_MASKED_EQ")))));
        var linux = new Linux(List.of(new Linux.Namespace("pid", null), new Linux.Namespace("network", "/proc/7/ns/net"),
                new Linux.Namespace("user", null)), List.of(new Linux.IdMapping(0, 100000, 65536)),
                List.of(new Linux.IdMapping(0, 200000, 10)),
                List.of(new Linux.Device("/dev/fuse", "c", 10, 229, 0666L, 0L, 0L),
                        new Linux.Device("/dev/null", "c", 1, 3, null, null, null)),
                resources, "minidocker/abc", Map.of("net.ipv4.ip_forward", "1"), seccomp, List.of("/proc/kcore"),
                List.of("/proc/sys"));
        return new RuntimeSpec(RuntimeSpec.OCI_VERSION, process, new RuntimeSpec.Root("/c/rootfs", true), "abc",
                List.of(new RuntimeSpec.Mount("/proc", "proc", "proc", List.of("nosuid")),
                        new RuntimeSpec.Mount("/data", "bind", "/srv", List.of("rbind", "ro"))),
                linux, Map.of(Annotations.USER, "bob"));
    }

    @Test
    void writesEveryFieldWithTheSpecsNames() throws IOException {
        assertEquals(new String(canned("full.json"), StandardCharsets.UTF_8),
                new String(Json.write(full()), StandardCharsets.UTF_8));
    }

    @Test
    void readsBackWhatItWrites() throws JsonException {
        assertEquals(full(), JsonObject.read(Json.write(full()), RuntimeSpec::fromJson));
    }

    @Test
    void writesNothingForWhatIsAbsentOrEmpty() throws JsonException {
        var bare = new RuntimeSpec(RuntimeSpec.OCI_VERSION, new RuntimeSpec.Process(false, null, List.of("true"), null,
                null, new RuntimeSpec.Capabilities(null, List.of(), null, null, null), null, false),
                null, null, null, new Linux(null, null, null, null, null, null, null, null, null, null), null);
        assertEquals("""
                {
                  "ociVersion" : "1.2.0",
                  "process" : {
                    "terminal" : false,
                    "args" : [ "true" ],
                    "capabilities" : { },
                    "noNewPrivileges" : false
                  },
                  "linux" : { }
                }""", new String(Json.write(bare), StandardCharsets.UTF_8));
        assertEquals(bare, JsonObject.read(Json.write(bare), RuntimeSpec::fromJson));
    }

    @Test
    void readsDockersConfigIgnoringWhatItDoesNotModel() throws IOException {
        RuntimeSpec spec = JsonObject.read(canned("docker-busybox-config.json"), RuntimeSpec::fromJson);
        RuntimeSpec.Process p = spec.process();
        assertEquals(List.of("sh", "-c", "echo \"hi\" > /tmp/x\tdone"), p.args());
        assertEquals(new RuntimeSpec.User(1000, 1000, List.of(10, 1000)), p.user());
        assertTrue(p.terminal());
        assertEquals(14, p.capabilities().bounding().size());
        assertEquals(List.of(), p.capabilities().ambient());
        assertEquals(List.of(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", -1, 1024)), p.rlimits());
        assertEquals(new RuntimeSpec.Root("/var/lib/docker/overlay2/0f3a/merged", false), spec.root());
        assertEquals(new RuntimeSpec.Mount("/etc/hosts", "bind", "/var/lib/docker/containers/4f2c/hosts",
                List.of("rbind", "rprivate")), spec.mounts().get(2));
        Linux linux = spec.linux();
        assertEquals(List.of("/proc/asound", "/proc/acpi", "/proc/kcore"), linux.maskedPaths());
        assertTrue(linux.hasNamespace("uts"));
        assertFalse(linux.hasNamespace("cgroup"));
        assertEquals(Map.of("net.ipv4.ip_unprivileged_port_start", "0"), linux.sysctl());
        assertEquals(new Resources(List.of(new Resources.DeviceRule(false, null, null, null, "rwm")),
                new Resources.Memory(16777216L, null, null), null, null), linux.resources());
        assertEquals(new Seccomp("SCMP_ACT_ERRNO", 1L, List.of("SCMP_ARCH_X86_64"),
                List.of(new Seccomp.Syscall(List.of("accept", "accept4"), "SCMP_ACT_ALLOW", null, null))),
                linux.seccomp());
        assertEquals("bob:staff", spec.annotation(Annotations.USER));
    }

    @Test
    void annotationsKeepTheirOrderWhenOneChanges() {
        RuntimeSpec spec = full().withAnnotation(Annotations.CONSOLE, "/dev/pts/3").withAnnotation("a", "1");
        assertEquals(List.of(Annotations.USER, Annotations.CONSOLE, "a"), List.copyOf(spec.annotations().keySet()));
        spec = spec.withAnnotation(Annotations.CONSOLE, null);
        assertNull(spec.annotation(Annotations.CONSOLE));
        assertEquals(List.of(Annotations.USER, "a"), List.copyOf(spec.annotations().keySet()));
    }

    @Test
    void aMemberOfTheWrongKindIsNamed() {
        assertEquals("process.user.uid is not a number",
                assertThrows(JsonException.class, () -> read("{\"process\": {\"user\": {\"uid\": \"0\"}}}")).getMessage());
        assertEquals("linux.seccomp.syscalls[0].args[0].value is not an unsigned 64-bit number: -1",
                assertThrows(JsonException.class, () -> read("{\"linux\": {\"seccomp\": {\"syscalls\": "
                        + "[{\"args\": [{\"value\": -1}]}]}}}")).getMessage());
    }
}
