package dev.minidocker.launcher.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Resources.DeviceRule;
import org.junit.jupiter.api.Test;

/** {@code --device-cgroup-rule} in, the lines of cgroup v1's devices files out. */
class DeviceRulesTest {
    @Test
    void dockersSyntaxIsAnAllowingRule() throws Exception {
        assertEquals(DeviceRules.allow("c", 1L, 11L, "rwm"), DeviceRules.parse("c 1:11 rwm"));
        assertEquals(DeviceRules.allow("b", 8L, null, "r"), DeviceRules.parse("b 8:* r"));
        assertEquals(DeviceRules.allow("a", null, null, "mw"), DeviceRules.parse("a *:* mw"));
    }

    @Test
    void anythingElseIsRefusedInDockersWords() {
        for (String bad : new String[] {"c 1:11", "x 1:11 r", "c 1 11 r", "c 1:11 rwx", "c 1:11 rwmr", " c 1:11 r",
                "c -1:11 r"}) {
            LaunchException e = assertThrows(LaunchException.class, () -> DeviceRules.parse(bad));
            assertEquals("invalid argument \"" + bad + "\" for \"--device-cgroup-rule\" flag: invalid device cgroup "
                    + "format '" + bad + "'", e.getMessage());
        }
        assertEquals("invalid argument \"c 99999999999:1 r\" for \"--device-cgroup-rule\" flag: device number out of "
                + "range", assertThrows(LaunchException.class, () -> DeviceRules.parse("c 99999999999:1 r")).getMessage());
    }

    @Test
    void theV1LineSpellsAWildcardAsAStar() {
        assertEquals("a *:* rwm", DeviceRules.line(DeviceRules.DENY_ALL));
        assertEquals("c 136:* rwm", DeviceRules.line(DeviceRules.allow("c", 136L, null, "rwm")));
        assertEquals("b 8:0 r", DeviceRules.line(DeviceRules.allow("b", 8L, 0L, "r")));
        // The spec may leave the type and access out: every device, all access.
        assertEquals("a *:* rwm", DeviceRules.line(new DeviceRule(false, null, null, null, null)));
    }
}
