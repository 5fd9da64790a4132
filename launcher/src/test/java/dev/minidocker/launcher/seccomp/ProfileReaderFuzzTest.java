package dev.minidocker.launcher.seccomp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.plan.SecurityDefaults;
import dev.minidocker.spec.Seccomp;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Seccomp profiles as a user may give them (seeds in {@code ProfileReaderFuzzTestInputs/}). What
 * must hold: a profile is read or refused with one line naming it, nothing else is thrown; a read
 * profile resolves; and nothing it says reaches the compiler but whole lines of its format, each
 * naming one syscall, so a profile cannot smuggle a rule in through a name or an operator.
 */
class ProfileReaderFuzzTest {
    private static final Pattern RULE_LINE = Pattern.compile(
            "default SCMP_ACT_[A-Z_]+ \\d+|arch SCMP_ARCH_[A-Z0-9_]+"
                    + "|rule SCMP_ACT_[A-Z_]+ \\d+ [A-Za-z0-9_]+( [0-5] SCMP_CMP_[A-Z_]+ \\d+ \\d+)*");
    private static final Machine MACHINE = new Machine("amd64", "SCMP_ARCH_X86_64",
            new SeccompProfile.KernelVersion(6, 1));

    @FuzzTest(maxDuration = "30s")
    void profile(byte[] json) {
        SeccompProfile profile;
        try {
            profile = ProfileReader.read(json, "p.json");
        } catch (LaunchException e) {
            assertTrue(e.getMessage().startsWith("read seccomp profile p.json: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return;
        }
        for (List<String> caps : List.of(SecurityDefaults.CAPABILITIES, List.of("CAP_SYS_ADMIN"))) {
            Seccomp seccomp = ProfileResolver.resolve(profile, MACHINE, caps);
            if (seccomp == null) {
                continue;
            }
            String rules = assertDoesNotThrow(() -> LibseccompRules.of(seccomp), "a profile that was read compiles");
            for (String line : rules.split("\n", -1)) {
                assertTrue(line.isEmpty() || RULE_LINE.matcher(line).matches(), "not a rule line: " + line);
            }
        }
    }
}
