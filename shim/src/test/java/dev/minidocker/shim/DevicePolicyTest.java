package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.spec.Resources.DeviceRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules reduced as cgroup v1's devices controller reduces the same writes. */
class DevicePolicyTest {
    private static final int RWM = DevicePolicy.ALL_ACCESS;

    private static DeviceRule rule(boolean allow, String type, Long major, Long minor, String access) {
        return new DeviceRule(allow, type, major, minor, access);
    }

    private static DevicePolicy.Rule exception(int type, long major, long minor, int access) {
        return new DevicePolicy.Rule(type, major, minor, access);
    }

    @Test
    void aNewCgroupAllowsEveryDevice() {
        assertEquals(new DevicePolicy(true, List.of()), DevicePolicy.of(List.of()));
    }

    @Test
    void denyAllThenAllowsIsAnAllowList() {
        DevicePolicy p = DevicePolicy.of(List.of(rule(false, null, null, null, "rwm"),
                rule(true, "c", 1L, 3L, "rwm"), rule(true, "c", null, null, "m"), rule(true, "c", 136L, null, "rw")));
        assertEquals(new DevicePolicy(false, List.of(exception(DevicePolicy.CHAR, 1, 3, RWM),
                exception(DevicePolicy.CHAR, DevicePolicy.ANY, DevicePolicy.ANY, DevicePolicy.MKNOD),
                exception(DevicePolicy.CHAR, 136, DevicePolicy.ANY, DevicePolicy.READ | DevicePolicy.WRITE))), p);
    }

    @Test
    void theSameDeviceTwiceMergesItsAccessAndADenyTakesAccessAway() {
        DevicePolicy p = DevicePolicy.of(List.of(rule(false, "a", null, null, "rwm"), rule(true, "c", 1L, 11L, "r"),
                rule(true, "c", 1L, 11L, "w"), rule(true, "b", 8L, 0L, "rw"), rule(false, "b", 8L, 0L, "rwm")));
        assertEquals(new DevicePolicy(false, List.of(
                exception(DevicePolicy.CHAR, 1, 11, DevicePolicy.READ | DevicePolicy.WRITE))), p);
    }

    @Test
    void aRuleForEveryDeviceDropsWhatCameBefore() {
        // runc's TestDeviceFilter_Weird: 8:1 denied, then everything allowed, then 8:2 denied.
        DevicePolicy p = DevicePolicy.of(List.of(rule(false, "b", 8L, 1L, "rwm"), rule(true, "a", null, null, "rwm"),
                rule(false, "b", 8L, 2L, "rwm")));
        assertEquals(new DevicePolicy(true, List.of(exception(DevicePolicy.BLOCK, 8, 2, RWM))), p);
    }

    @Test
    void badRulesAreRefused() {
        assertEquals("device rule type `x`: not a, c or b", assertThrows(IllegalArgumentException.class,
                () -> DevicePolicy.of(List.of(rule(true, "x", null, null, "r")))).getMessage());
        assertEquals("device rule access `rx`: not of r, w, m", assertThrows(IllegalArgumentException.class,
                () -> DevicePolicy.of(List.of(rule(true, "c", 1L, 3L, "rx")))).getMessage());
        assertEquals("device rule number 4294967296: out of range", assertThrows(IllegalArgumentException.class,
                () -> DevicePolicy.of(List.of(rule(true, "c", 1L << 32, 3L, "r")))).getMessage());
    }
}
