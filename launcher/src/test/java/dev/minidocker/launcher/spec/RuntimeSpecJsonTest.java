package dev.minidocker.launcher.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.store.oci.OciJson;
import dev.minidocker.store.oci.RecordJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime spec (config.json) as run writes it, through RecordJson: what Jackson's data binding writes. */
class RuntimeSpecJsonTest {
    static RuntimeSpec spec(RuntimeSpec.User user, boolean tty, String path) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("org.minidocker.rootfs.overlay", "lowerdir=/l,upperdir=/u,workdir=/w");
        annotations.put("org.minidocker.console", "");
        var caps = SecurityDefaults.CAPABILITIES;
        var process = new RuntimeSpec.Process(tty, user, List.of("sh", "-c", "echo \"a\\b\""),
                List.of("PATH=/bin", "HOME=/root"), "/", new RuntimeSpec.Capabilities(caps, caps, List.of()), tty);
        var linux = new RuntimeSpec.Linux(List.of(new RuntimeSpec.Namespace("pid", null),
                new RuntimeSpec.Namespace("network", path)), tty ? List.of(new RuntimeSpec.IdMapping(0, 100000, 65536)) : null,
                tty ? List.of(new RuntimeSpec.IdMapping(0, 200000, 10)) : null, SecurityDefaults.MASKED_PATHS, List.of(),
                path, tty ? seccomp() : null);
        return new RuntimeSpec(RuntimeSpec.OCI_VERSION, process, new RuntimeSpec.Root("/c/rootfs", tty), "abc",
                SecurityDefaults.mounts(), linux, annotations);
    }

    private static RuntimeSpec.Seccomp seccomp() {
        return new RuntimeSpec.Seccomp("SCMP_ACT_ERRNO", 1, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"), List.of(
                new RuntimeSpec.Syscall(List.of("read", "write"), "SCMP_ACT_ALLOW", null, null),
                new RuntimeSpec.Syscall(List.of("clone3"), "SCMP_ACT_ERRNO", 38, null),
                new RuntimeSpec.Syscall(List.of("clone"), "SCMP_ACT_ALLOW", null,
                        List.of(new RuntimeSpec.SeccompArg(0, 2114060288L, 0, "SCMP_CMP_MASKED_EQ")))));
    }

    @Test
    void writesTheSpecAsDataBindingDoes() throws Exception {
        for (RuntimeSpec spec : List.of(spec(new RuntimeSpec.User(0, 0, List.of()), false, null),
                spec(new RuntimeSpec.User(1000, 100, List.of(5, 6)), true, "/proc/1/ns/net"),
                new RuntimeSpec(RuntimeSpec.OCI_VERSION, null, null, null, List.of(), null, Map.of()))) {
            assertEquals(new String(OciJson.write(spec), StandardCharsets.UTF_8),
                    new String(RecordJson.write(spec), StandardCharsets.UTF_8));
            assertEquals(OciJson.read(OciJson.write(spec), RuntimeSpec.class),
                    RecordJson.read(OciJson.write(spec), RuntimeSpec.class));
        }
    }
}
