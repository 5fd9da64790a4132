package dev.minidocker.launcher.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import org.junit.jupiter.api.Test;

/** {@code --device-cgroup-rule} in, the lines of cgroup v1's devices files out. */
class DeviceRuleTest {
    @Test
    void dockersSyntaxIsAnAllowingRule() throws Exception {
        assertEquals(DeviceRule.allow('c', 1, 11, "rwm"), DeviceRule.parse("c 1:11 rwm"));
        assertEquals(DeviceRule.allow('b', 8, DeviceRule.ANY, "r"), DeviceRule.parse("b 8:* r"));
        assertEquals(DeviceRule.allow('a', DeviceRule.ANY, DeviceRule.ANY, "mw"), DeviceRule.parse("a *:* mw"));
    }

    @Test
    void anythingElseIsRefusedInDockersWords() {
        for (String bad : new String[] {"c 1:11", "x 1:11 r", "c 1 11 r", "c 1:11 rwx", "c 1:11 rwmr", " c 1:11 r",
                "c -1:11 r"}) {
            LaunchException e = assertThrows(LaunchException.class, () -> DeviceRule.parse(bad));
            assertEquals("invalid argument \"" + bad + "\" for \"--device-cgroup-rule\" flag: invalid device cgroup "
                    + "format '" + bad + "'", e.getMessage());
        }
        assertEquals("invalid argument \"c 99999999999:1 r\" for \"--device-cgroup-rule\" flag: device number out of "
                + "range", assertThrows(LaunchException.class, () -> DeviceRule.parse("c 99999999999:1 r")).getMessage());
    }

    @Test
    void theV1LineSpellsAWildcardAsAStar() {
        assertEquals("a *:* rwm", DeviceRule.DENY_ALL.line());
        assertEquals("c 136:* rwm", DeviceRule.allow('c', 136, DeviceRule.ANY, "rwm").line());
        assertEquals("b 8:0 r", DeviceRule.allow('b', 8, 0, "r").line());
    }
}
