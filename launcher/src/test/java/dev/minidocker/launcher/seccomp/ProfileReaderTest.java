package dev.minidocker.launcher.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileReaderTest {
    private static SeccompProfile read(String json) throws LaunchException {
        return ProfileReader.read(json.getBytes(StandardCharsets.UTF_8), "p.json");
    }

    private static String error(String json) {
        return assertThrows(LaunchException.class, () -> read(json)).getMessage();
    }

    /** A profile whose one rule is {@code rule}. */
    private static String withRule(String rule) {
        return "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [" + rule + "]}";
    }

    @Test
    void readsDockersDefaultProfile() throws Exception {
        SeccompProfile profile = ProfileReader.read(DefaultProfile.bytes(), DefaultProfile.NAME);
        assertEquals("SCMP_ACT_ERRNO", profile.defaultAction());
        assertEquals(1L, profile.defaultErrnoRet());
        assertEquals(new SeccompProfile.ArchMap("SCMP_ARCH_X86_64", List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32")),
                profile.archMap().getFirst());
        SeccompProfile.Rule clone = profile.syscalls().stream()
                .filter(r -> r.names().equals(List.of("clone")) && r.includes() == null).findFirst().orElseThrow();
        assertEquals(List.of(new SeccompProfile.Condition(0, 2114060288L, 0, "SCMP_CMP_MASKED_EQ")), clone.args());
        assertEquals(new SeccompProfile.Filter(List.of("CAP_SYS_ADMIN"), List.of("s390", "s390x"), null),
                clone.excludes());
        assertEquals(List.of(0L, 8L, 131072L, 131080L, 4294967295L), profile.syscalls().stream()
                .filter(r -> r.names().equals(List.of("personality"))).map(r -> r.args().getFirst().value()).toList());
        assertEquals(new SeccompProfile.KernelVersion(4, 8), profile.syscalls().get(1).includes().minKernel());
    }

    @Test
    void takesTheOldSingleNameAndFullUint64Values() throws Exception {
        SeccompProfile profile = read(withRule("{\"name\": \"ioctl\", \"action\": \"SCMP_ACT_ALLOW\", \"args\":"
                + " [{\"index\": 1, \"value\": 18446744073709551615, \"valueTwo\": 21505, \"op\": \"SCMP_CMP_MASKED_EQ\"}],"
                + " \"comment\": \"ignored\", \"future\": {\"members\": \"ignored\"}}"));
        SeccompProfile.Rule rule = profile.syscalls().getFirst();
        assertEquals(List.of("ioctl"), rule.names());
        assertEquals(new SeccompProfile.Condition(1, -1L, 21505, "SCMP_CMP_MASKED_EQ"), rule.args().getFirst());
    }

    @Test
    void anEmptyProfileConfinesNothing() throws Exception {
        SeccompProfile profile = read("{}");
        assertEquals(null, ProfileResolver.resolve(profile, new Machine("amd64", "SCMP_ARCH_X86_64",
                new SeccompProfile.KernelVersion(6, 1)), List.of()));
    }

    @Test
    void refusesWhatDockerOrRuncRefuseInOneLineNamingTheMember() {
        assertEquals("read seccomp profile p.json: syscalls[0].action: unknown action \"SCMP_ACT_MAYBE\"",
                error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_MAYBE\"}")));
        assertEquals("read seccomp profile p.json: syscalls[0].args[0].op: unknown operator \"SCMP_CMP_IS\"",
                error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0,"
                        + " \"value\": 1, \"op\": \"SCMP_CMP_IS\"}]}")));
        assertEquals("read seccomp profile p.json: syscalls[0].args[0].index: 6 is not an argument (0-5)",
                error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 6,"
                        + " \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}")));
        assertEquals("read seccomp profile p.json: syscalls[0].args[0].value: -1 is not an unsigned 64-bit integer",
                error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0,"
                        + " \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}")));
        assertEquals("read seccomp profile p.json: syscalls[0].args[0].value: 18446744073709551616 is not an"
                + " unsigned 64-bit integer", error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\","
                + " \"args\": [{\"index\": 0, \"value\": 18446744073709551616, \"op\": \"SCMP_CMP_EQ\"}]}")));
        assertEquals("read seccomp profile p.json: syscalls[0].errnoRet: 5000 is not an errno (0-4095)",
                error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 5000}")));
        assertEquals("read seccomp profile p.json: syscalls[0].names[1]: \"read write\" is not a syscall name",
                error(withRule("{\"names\": [\"open\", \"read write\"], \"action\": \"SCMP_ACT_ALLOW\"}")));
        assertEquals("read seccomp profile p.json: syscalls[0].names[0]: \"read\\u000arule SCMP_ACT_ALLOW 0 keyctl\""
                + " is not a syscall name", error(withRule("{\"names\": [\"read\\nrule SCMP_ACT_ALLOW 0 keyctl\"],"
                + " \"action\": \"SCMP_ACT_ALLOW\"}")));
        assertEquals("read seccomp profile p.json: syscalls[0].names[0]: a string expected, not 5",
                error(withRule("{\"names\": [5], \"action\": \"SCMP_ACT_ALLOW\"}")));
        assertEquals("read seccomp profile p.json: syscalls[0]: both 'name' and 'names' are specified in the seccomp"
                + " profile, use either 'name' or 'names'",
                error(withRule("{\"name\": \"read\", \"names\": [\"write\"], \"action\": \"SCMP_ACT_ALLOW\"}")));
        assertEquals("read seccomp profile p.json: syscalls[0].includes.minKernel: invalid kernel version \"4\","
                + " expected \"<kernel>.<major>\"",
                error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"4\"}}")));
        assertEquals("read seccomp profile p.json: syscalls[0].excludes.minKernel: invalid kernel version \"0.0\","
                + " expected \"<kernel>.<major>\"",
                error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": {\"minKernel\": \"0.0\"}}")));
        assertEquals("read seccomp profile p.json: syscalls[0].action: SCMP_ACT_NOTIFY is not supported by minidocker"
                + " (it needs a seccomp agent)",
                error(withRule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_NOTIFY\"}")));
        assertEquals("read seccomp profile p.json: syscalls[0].action: missing", error(withRule("{\"names\": [\"read\"]}")));
    }

    @Test
    void refusesWhatTheProfileAsAWholeGetsWrong() {
        assertEquals("read seccomp profile p.json: defaultAction: missing",
                error("{\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"));
        assertEquals("read seccomp profile p.json: both 'architectures' and 'archMap' are specified in the seccomp"
                + " profile, use either 'architectures' or 'archMap'", error("{\"defaultAction\": \"SCMP_ACT_ALLOW\","
                + " \"architectures\": [\"SCMP_ARCH_X86\"], \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}"));
        assertEquals("read seccomp profile p.json: archMap[0].subArchitectures[1]: unknown architecture \"SCMP_ARCH_Z80\"",
                error("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\","
                        + " \"subArchitectures\": [\"SCMP_ARCH_X86\", \"SCMP_ARCH_Z80\"]}]}"));
        assertEquals("read seccomp profile p.json: flags: not supported by minidocker",
                error("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\"]}"));
        assertEquals("read seccomp profile p.json: syscalls: an array expected, not an object",
                error("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": {}}"));
        assertEquals("read seccomp profile p.json: an object expected, not an array", error("[]"));
        assertEquals("read seccomp profile p.json: malformed JSON at line 1, column 2: a value expected, found byte 0x0A",
                error("f\n\u0000gs;u"), "found by the fuzz target: a line break in the input stays out of the message");
        String notJson = error("{\"defaultAction\": ");
        assertEquals(1, notJson.lines().count());
        assertEquals(true, notJson.startsWith("read seccomp profile p.json: "), notJson);
    }
}
