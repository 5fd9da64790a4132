package dev.minidocker.launcher.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.plan.SecurityDefaults;
import dev.minidocker.spec.Seccomp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Docker's default profile resolved as moby resolves it, for Docker's 14 capabilities unless said. */
class ProfileResolverTest {
    private static final Machine AMD64 = new Machine("amd64", "SCMP_ARCH_X86_64", new SeccompProfile.KernelVersion(6, 1));
    private static final Machine ARM64 = new Machine("arm64", "SCMP_ARCH_AARCH64", new SeccompProfile.KernelVersion(6, 1));

    private static Seccomp dockers(Machine machine, List<String> caps) throws Exception {
        return ProfileResolver.resolve(ProfileReader.read(DefaultProfile.bytes(), DefaultProfile.NAME), machine, caps);
    }

    /** The names the rules allow, with or without conditions. */
    private static Set<String> allowed(Seccomp seccomp) {
        return seccomp.syscalls().stream().filter(s -> s.action().equals("SCMP_ACT_ALLOW"))
                .flatMap(s -> s.names().stream()).collect(Collectors.toSet());
    }

    private static List<Seccomp.Syscall> rulesFor(Seccomp seccomp, String name) {
        return seccomp.syscalls().stream().filter(s -> s.names().contains(name)).toList();
    }

    @Test
    void dockersCapabilitiesGetNoKeyringNamespacesPerfOrUserfaultfd() throws Exception {
        Seccomp seccomp = dockers(AMD64, SecurityDefaults.CAPABILITIES);
        assertEquals("SCMP_ACT_ERRNO", seccomp.defaultAction());
        assertEquals(1L, seccomp.defaultErrnoRet());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), seccomp.architectures());
        Set<String> allowed = allowed(seccomp);
        for (String denied : List.of("keyctl", "add_key", "request_key", "unshare", "setns", "mount",
                "perf_event_open", "userfaultfd", "bpf", "ptrace_nothing", "kexec_load", "open_by_handle_at")) {
            assertFalse(allowed.contains(denied), denied);
        }
        assertTrue(allowed.containsAll(List.of("read", "execve", "chroot", "arch_prctl", "modify_ldt", "ptrace")));
        assertEquals(List.of(new Seccomp.Arg(0, 2114060288L, 0, "SCMP_CMP_MASKED_EQ")),
                rulesFor(seccomp, "clone").getFirst().args(), "clone without namespace flags only");
        assertEquals(1, rulesFor(seccomp, "clone").size());
        assertEquals(38L, rulesFor(seccomp, "clone3").getFirst().errnoRet(), "clone3: ENOSYS, so libc falls back");
        assertEquals(5, rulesFor(seccomp, "personality").size());
        assertTrue(rulesFor(seccomp, "personality").stream().noneMatch(r -> r.args().getFirst().value() == 0x0040000),
                "no ADDR_NO_RANDOMIZE");
        assertTrue(rulesFor(seccomp, "s390_runtime_instr").isEmpty() && rulesFor(seccomp, "set_tls").isEmpty());
    }

    @Test
    void capSysAdminBringsNamespacesAndPlainClone() throws Exception {
        List<String> caps = new ArrayList<>(SecurityDefaults.CAPABILITIES);
        caps.add("CAP_SYS_ADMIN");
        Seccomp seccomp = dockers(AMD64, caps);
        assertTrue(allowed(seccomp).containsAll(List.of("unshare", "setns", "mount", "clone3", "perf_event_open")));
        assertEquals(List.of(List.of("bpf", "clone", "clone3", "fanotify_init")), rulesFor(seccomp, "clone").stream()
                .map(r -> r.names().subList(0, 4)).toList(), "the conditional clone and ENOSYS clone3 excluded");
        assertTrue(rulesFor(seccomp, "clone3").stream().noneMatch(r -> r.action().equals("SCMP_ACT_ERRNO")));
    }

    @Test
    void arm64GetsItsArchitecturesAndCalls() throws Exception {
        Seccomp seccomp = dockers(ARM64, SecurityDefaults.CAPABILITIES);
        assertEquals(List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"), seccomp.architectures());
        assertTrue(allowed(seccomp).containsAll(List.of("arm_fadvise64_64", "set_tls")));
        assertFalse(allowed(seccomp).contains("arch_prctl"));
    }

    @Test
    void minKernelIncludesFromThatVersionAndExcludesFromIt() throws Exception {
        SeccompProfile profile = ProfileReader.read(("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": ["
                + "{\"names\": [\"new\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"4.8\"}},"
                + "{\"names\": [\"old\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": {\"minKernel\": \"4.8\"}},"
                + "{\"names\": [\"both\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"caps\": [\"CAP_A\", \"CAP_B\"]}},"
                + "{\"names\": [\"either\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": {\"caps\": [\"CAP_A\", \"CAP_B\"]}}]}")
                .getBytes(StandardCharsets.UTF_8), "p.json");
        assertEquals(Set.of("old", "either"), allowed(ProfileResolver.resolve(profile,
                new Machine("amd64", "SCMP_ARCH_X86_64", new SeccompProfile.KernelVersion(4, 7)), List.of())));
        assertEquals(Set.of("new", "both"), allowed(ProfileResolver.resolve(profile,
                new Machine("amd64", "SCMP_ARCH_X86_64", new SeccompProfile.KernelVersion(4, 8)), List.of("CAP_A", "CAP_B"))));
        assertEquals(Set.of("new"), allowed(ProfileResolver.resolve(profile,
                new Machine("amd64", "SCMP_ARCH_X86_64", new SeccompProfile.KernelVersion(5, 0)), List.of("CAP_B"))));
    }
}
