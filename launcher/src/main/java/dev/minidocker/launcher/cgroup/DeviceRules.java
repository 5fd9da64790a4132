package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Resources.DeviceRule;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's device rules, as the runtime spec's {@code linux.resources.devices} holds them and cgroup
 * v1's devices.allow and devices.deny take them ({@code c 1:3 rwm}). The rules apply in order, from
 * a new cgroup's default of every device allowed: a rule of type {@code a} sets the default for every
 * device (so "deny all" is one rule), the others make exceptions to it.
 */
public final class DeviceRules {
    /** Docker's first rule: no device at all. */
    public static final DeviceRule DENY_ALL = new DeviceRule(false, "a", null, null, "rwm");

    /**
     * What a default container may use, as runc sets it for Docker (libcontainer/specconv
     * AllowedDevices, runc 1.2.4 and later): mknod of any device, and null, zero, full, random,
     * urandom, tty, the pseudo-terminals and ptmx, tun/tap; after {@link #DENY_ALL} and what
     * {@code --device} and {@code --device-cgroup-rule} allow.
     */
    public static final List<DeviceRule> DEFAULTS = List.of(
            allow("c", null, null, "m"), allow("b", null, null, "m"),
            allow("c", 1L, 3L, "rwm"), allow("c", 1L, 8L, "rwm"), allow("c", 1L, 7L, "rwm"),
            allow("c", 5L, 0L, "rwm"), allow("c", 1L, 5L, "rwm"), allow("c", 1L, 9L, "rwm"),
            allow("c", 136L, null, "rwm"), allow("c", 5L, 2L, "rwm"), allow("c", 10L, 200L, "rwm"));

    private DeviceRules() {
    }

    /** A rule allowing {@code access} to devices of {@code type}; a null major or minor is every one. */
    public static DeviceRule allow(String type, Long major, Long minor, String access) {
        return new DeviceRule(true, type, major, minor, access);
    }

    /** An allowing rule in Docker's {@code --device-cgroup-rule} syntax: {@code c 1:11 rwm}, {@code b 8:* r}. */
    public static DeviceRule parse(String text) throws LaunchException {
        // Docker's syntax (moby's opts.ValidateDeviceCgroupRule), compiled only when the flag is given.
        Matcher m = Pattern.compile("([acb]) (\\d+|\\*):(\\d+|\\*) ([rwm]{1,3})").matcher(text);
        if (!m.matches()) {
            throw new LaunchException("invalid argument \"" + text + "\" for \"--device-cgroup-rule\" flag: "
                    + "invalid device cgroup format '" + text + "'");
        }
        try {
            return allow(m.group(1), number(m.group(2)), number(m.group(3)), m.group(4));
        } catch (NumberFormatException e) {
            throw new LaunchException("invalid argument \"" + text + "\" for \"--device-cgroup-rule\" flag: "
                    + "device number out of range");
        }
    }

    private static Long number(String n) {
        return n.equals("*") ? null : (long) Integer.parseInt(n);
    }

    /**
     * The line cgroup v1's devices.allow or devices.deny takes: {@code c 1:3 rwm}, {@code a *:* rwm}.
     * An absent type is every device and an absent access all of it, as the spec says.
     */
    public static String line(DeviceRule rule) {
        String type = rule.type() == null ? "a" : rule.type();
        String access = rule.access() == null || rule.access().isEmpty() ? "rwm" : rule.access();
        return type + " " + word(rule.major()) + ":" + word(rule.minor()) + " " + access;
    }

    private static String word(Long n) {
        return n == null ? "*" : Long.toString(n);
    }
}
