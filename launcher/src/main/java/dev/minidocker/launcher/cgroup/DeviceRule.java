package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of a container's device cgroup, as cgroup v1's devices.allow and devices.deny take it
 * ({@code c 1:3 rwm}) and the runtime spec's {@code linux.resources.devices} holds it. The rules
 * apply in order, from a new cgroup's default of every device allowed: a rule of type {@code a} sets
 * the default for every device (so "allow all" is one rule), the others make exceptions to it.
 *
 * @param allow  whether it allows or denies
 * @param type   'a' (every device), 'c' or 'b'
 * @param major  the major number, or {@link #ANY}
 * @param minor  the minor number, or {@link #ANY}
 * @param access some of "rwm": read, write, mknod
 */
public record DeviceRule(boolean allow, char type, long major, long minor, String access) {
    /** A major or minor that matches any. */
    public static final long ANY = -1;

    /**
     * What a default container may use, as runc sets it for Docker (libcontainer/specconv
     * AllowedDevices, runc 1.2.4 and later): mknod of any device, and null, zero, full, random,
     * urandom, tty, the pseudo-terminals and ptmx, tun/tap; after {@link #DENY_ALL} and what
     * {@code --device} and {@code --device-cgroup-rule} allow.
     */
    public static final List<DeviceRule> DEFAULTS = List.of(
            allow('c', ANY, ANY, "m"), allow('b', ANY, ANY, "m"),
            allow('c', 1, 3, "rwm"), allow('c', 1, 8, "rwm"), allow('c', 1, 7, "rwm"), allow('c', 5, 0, "rwm"),
            allow('c', 1, 5, "rwm"), allow('c', 1, 9, "rwm"), allow('c', 136, ANY, "rwm"), allow('c', 5, 2, "rwm"),
            allow('c', 10, 200, "rwm"));
    /** Docker's first rule: no device at all. */
    public static final DeviceRule DENY_ALL = new DeviceRule(false, 'a', ANY, ANY, "rwm");

    /** Checked by hand: a regular expression compiled for each of the defaults would cost every run. */
    public DeviceRule {
        boolean rwm = !access.isEmpty();
        for (int i = 0; i < access.length(); i++) {
            rwm &= "rwm".indexOf(access.charAt(i)) >= 0;
        }
        if ("acb".indexOf(type) < 0 || !rwm || major < ANY || minor < ANY) {
            throw new IllegalArgumentException("device rule " + type + " " + major + ":" + minor + " " + access);
        }
    }

    public static DeviceRule allow(char type, long major, long minor, String access) {
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
            return allow(m.group(1).charAt(0), number(m.group(2)), number(m.group(3)), m.group(4));
        } catch (NumberFormatException e) {
            throw new LaunchException("invalid argument \"" + text + "\" for \"--device-cgroup-rule\" flag: "
                    + "device number out of range");
        }
    }

    private static long number(String n) {
        return n.equals("*") ? ANY : Integer.parseInt(n);
    }

    /** The line cgroup v1's devices.allow or devices.deny takes: {@code c 1:3 rwm}, {@code a *:* rwm}. */
    public String line() {
        return type + " " + word(major) + ":" + word(minor) + " " + access;
    }

    private static String word(long n) {
        return n == ANY ? "*" : Long.toString(n);
    }
}
