package dev.minidocker.launcher.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's TweakCapabilities, case by case, on a kernel whose last capability is 40 (CHECKPOINT_RESTORE). */
class PrivilegesTest {
    private static final int LAST_CAP = 40;

    private static List<String> caps(boolean privileged, List<String> add, List<String> drop) throws LaunchException {
        return Privileges.of(privileged, add, drop).capabilities(LAST_CAP);
    }

    @Test
    void withoutFlagsDockersFourteen() throws LaunchException {
        assertEquals(SecurityDefaults.CAPABILITIES, caps(false, List.of(), List.of()));
        assertEquals(SecurityDefaults.CAPABILITIES, Privileges.DEFAULT.capabilities());
    }

    @Test
    void namesInAnyCaseWithOrWithoutThePrefix() throws LaunchException {
        Privileges p = Privileges.of(false, List.of("sys_admin", "CAP_net_admin", "all"), List.of("Chown"));
        assertEquals(List.of("CAP_SYS_ADMIN", "CAP_NET_ADMIN", "ALL"), p.capAdd());
        assertEquals(List.of("CAP_CHOWN"), p.capDrop());
    }

    @Test
    void addedAfterTheDefaultsLessTheDropped() throws LaunchException {
        List<String> expected = new ArrayList<>(SecurityDefaults.CAPABILITIES);
        expected.remove("CAP_CHOWN");
        expected.remove("CAP_NET_RAW");
        expected.add("CAP_SYS_ADMIN");
        assertEquals(expected, caps(false, List.of("SYS_ADMIN", "KILL"), List.of("CHOWN", "NET_RAW")));
    }

    @Test
    void droppingAllKeepsOnlyTheAdded() throws LaunchException {
        assertEquals(List.of("CAP_CHOWN", "CAP_SETUID"), caps(false, List.of("CHOWN", "SETUID"), List.of("ALL")));
        assertEquals(List.of(), caps(false, List.of(), List.of("ALL")));
    }

    @Test
    void addingAllGivesEveryCapabilityOfTheKernelLessTheDropped() throws LaunchException {
        List<String> caps = caps(false, List.of("ALL"), List.of("SYS_ADMIN"));
        assertEquals(LAST_CAP, caps.size());
        assertTrue(caps.contains("CAP_CHECKPOINT_RESTORE") && !caps.contains("CAP_SYS_ADMIN"), caps::toString);
    }

    @Test
    void privilegedGetsEveryCapabilityOfTheKernelWhateverIsDropped() throws LaunchException {
        List<String> caps = caps(true, List.of(), List.of("ALL"));
        assertEquals(LAST_CAP + 1, caps.size());
        assertEquals(List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE"), caps.subList(0, 2));
        // An older kernel has fewer: only those it knows.
        assertEquals(38, Privileges.of(true, List.of(), List.of()).capabilities(37).size());
    }

    @Test
    void thisKernelsLastCapabilityIsReadWhole() throws LaunchException {
        // cap_last_cap is 40 on this machine's kernel: read as "4", CAP_SYS_ADMIN (21) would be missing.
        assertTrue(Privileges.of(true, List.of(), List.of()).capabilities().contains("CAP_SYS_ADMIN"));
    }

    @Test
    void anUnknownCapabilityIsRefusedInDockersWords() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> Privileges.of(false, List.of("CAP_FLY"), List.of()));
        assertEquals("unknown capability: \"CAP_FLY\"", e.getMessage());
        assertThrows(LaunchException.class, () -> Privileges.of(false, List.of(), List.of("")));
    }
}
