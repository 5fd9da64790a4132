package dev.minidocker.launcher.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompOptionTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsRecordedByItsCompactedContentAsDockersCliSendsIt() throws Exception {
        Path file = Files.writeString(dir.resolve("p.json"), "{\n\t\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
                + "  \"syscalls\": [ {\"names\": [\"keyctl\"], \"action\": \"SCMP_ACT_ERRNO\", \"comment\": \"a \\\" b\"} ]\n}\n");
        SeccompOption option = SeccompOption.of(file.toString());
        assertEquals("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"keyctl\"],"
                + "\"action\":\"SCMP_ACT_ERRNO\",\"comment\":\"a \\\" b\"}]}", option.securityOpt());
        assertEquals(option, SeccompOption.recorded(List.of("no-new-privileges", option.securityOpt())));
        assertEquals("SCMP_ACT_ALLOW", option.profile(option.json()).defaultAction());
    }

    @Test
    void unconfinedAndBuiltinAreNamesNotFiles() throws Exception {
        assertTrue(SeccompOption.of("unconfined").unconfined());
        assertEquals("seccomp=builtin", SeccompOption.of("builtin").securityOpt());
        assertFalse(SeccompOption.of("builtin").unconfined());
        assertEquals(SeccompOption.DEFAULT, SeccompOption.recorded(List.of("no-new-privileges")));
        assertEquals(DefaultProfile.NAME.length() > 0, SeccompOption.DEFAULT.json().length > 10_000);
    }

    @Test
    void aMissingOrMalformedFileIsOneLine() throws Exception {
        assertEquals("Invalid --security-opt: \"seccomp=\"",
                assertThrows(LaunchException.class, () -> SeccompOption.of("")).getMessage());
        assertEquals("read seccomp profile " + dir.resolve("none.json") + ": no such file or directory",
                assertThrows(LaunchException.class, () -> SeccompOption.of(dir.resolve("none.json").toString()))
                        .getMessage());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": 3}");
        assertEquals("read seccomp profile " + bad + ": syscalls: an array expected, not 3",
                assertThrows(LaunchException.class, () -> SeccompOption.of(bad.toString())).getMessage());
    }
}
