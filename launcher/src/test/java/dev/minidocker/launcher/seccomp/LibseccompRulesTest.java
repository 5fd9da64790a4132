package dev.minidocker.launcher.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Seccomp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What runc would hand libseccomp, as minidocker-seccomp's lines. */
class LibseccompRulesTest {
    private static Seccomp seccomp(Seccomp.Syscall... syscalls) {
        return new Seccomp("SCMP_ACT_ERRNO", null, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"),
                List.of(syscalls));
    }

    private static Seccomp.Arg arg(int index, long value, String op) {
        return new Seccomp.Arg(index, value, 0, op);
    }

    @Test
    void oneNameARuleAndTheDefaultActionsRulesLeftOut() throws Exception {
        assertEquals("""
                default SCMP_ACT_ERRNO 1
                arch SCMP_ARCH_X86_64
                arch SCMP_ARCH_X86
                rule SCMP_ACT_ALLOW 0 read
                rule SCMP_ACT_ALLOW 0 write
                rule SCMP_ACT_ERRNO 38 clone3
                rule SCMP_ACT_KILL_THREAD 0 kexec_load
                """, LibseccompRules.of(seccomp(
                new Seccomp.Syscall(List.of("read", "write"), "SCMP_ACT_ALLOW", null, null),
                new Seccomp.Syscall(List.of("keyctl"), "SCMP_ACT_ERRNO", null, null),
                new Seccomp.Syscall(List.of("add_key"), "SCMP_ACT_ERRNO", 1L, null),
                new Seccomp.Syscall(List.of("clone3"), "SCMP_ACT_ERRNO", 38L, null),
                new Seccomp.Syscall(List.of("kexec_load"), "SCMP_ACT_KILL", null, null))));
    }

    @Test
    void conditionsOnDistinctArgumentsShareARuleAndRepeatedOnesSplit() throws Exception {
        assertEquals("""
                default SCMP_ACT_ERRNO 1
                arch SCMP_ARCH_X86_64
                arch SCMP_ARCH_X86
                rule SCMP_ACT_ALLOW 0 socket 0 SCMP_CMP_EQ 1 0 1 SCMP_CMP_NE 3 0
                rule SCMP_ACT_ALLOW 0 personality 0 SCMP_CMP_GE 8 0
                rule SCMP_ACT_ALLOW 0 personality 0 SCMP_CMP_LE 18446744073709551615 0
                """, LibseccompRules.of(seccomp(
                new Seccomp.Syscall(List.of("socket"), "SCMP_ACT_ALLOW", null,
                        List.of(arg(0, 1, "SCMP_CMP_EQ"), arg(1, 3, "SCMP_CMP_NE"))),
                new Seccomp.Syscall(List.of("personality"), "SCMP_ACT_ALLOW", null,
                        List.of(arg(0, 8, "SCMP_CMP_GE"), arg(0, -1L, "SCMP_CMP_LE"))))));
    }

    @Test
    void nothingButNamesAndKnownWordsReachesTheCompiler() {
        assertEquals("seccomp: \"read\\u000arule\" is not a syscall name", assertThrows(LaunchException.class,
                () -> LibseccompRules.of(seccomp(new Seccomp.Syscall(List.of("read\nrule"), "SCMP_ACT_ALLOW",
                        null, null)))).getMessage());
        assertEquals("seccomp: \"SCMP_CMP_EQ 1 1\" is not an operator", assertThrows(LaunchException.class,
                () -> LibseccompRules.of(seccomp(new Seccomp.Syscall(List.of("read"), "SCMP_ACT_ALLOW", null,
                        List.of(arg(0, 1, "SCMP_CMP_EQ 1 1"))))))
                .getMessage());
    }
}
