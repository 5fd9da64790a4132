package dev.minidocker.shim;

import dev.minidocker.spec.Resources.DeviceRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's device rules reduced as cgroup v1's {@code devices} controller reduces the writes to
 * devices.allow and devices.deny (kernel security/device_cgroup.c): a default, allow or deny, and the
 * exceptions to it. A rule for every device ("a") sets the default and drops the exceptions; any
 * other rule adds its access to the exception of the same type, major and minor when it goes against
 * the default, and takes its access away from it otherwise. So the BPF program that enforces it on
 * cgroup v2 behaves as the v1 files would, rule list for rule list, as runc's emulator makes sure too.
 *
 * @param allowByDefault what a device that no exception matches gets
 * @param exceptions what goes against the default, in the order the rules first named them
 */
record DevicePolicy(boolean allowByDefault, List<Rule> exceptions) {
    /** Device types and access bits as the kernel's {@code struct bpf_cgroup_dev_ctx} has them. */
    static final int BLOCK = 1;
    static final int CHAR = 2;
    static final int MKNOD = 1;
    static final int READ = 2;
    static final int WRITE = 4;
    static final int ALL_ACCESS = MKNOD | READ | WRITE;
    /** A major or minor that matches any. */
    static final long ANY = -1;

    /** Devices of {@code type} ({@link #CHAR} or {@link #BLOCK}) and numbers, for the {@code access} bits. */
    record Rule(int type, long major, long minor, int access) {
    }

    private record Key(int type, long major, long minor) {
    }

    /** Reduces {@code rules} in order, from a new cgroup's default of allowing every device, as v1's root has. */
    static DevicePolicy of(List<DeviceRule> rules) {
        boolean allow = true;
        Map<Key, Integer> exceptions = new LinkedHashMap<>();
        for (DeviceRule rule : rules) {
            int type = type(rule.type());
            if (type == 0) {
                allow = rule.allow();
                exceptions.clear();
                continue;
            }
            Key key = new Key(type, number(rule.major()), number(rule.minor()));
            int access = access(rule.access());
            int now = exceptions.getOrDefault(key, 0);
            int next = rule.allow() == allow ? now & ~access : now | access;
            if (next == 0) {
                exceptions.remove(key);
            } else {
                exceptions.put(key, next);
            }
        }
        List<Rule> list = new ArrayList<>();
        exceptions.forEach((k, access) -> list.add(new Rule(k.type(), k.major(), k.minor(), access)));
        return new DevicePolicy(allow, List.copyOf(list));
    }

    /** 0 for every device ("a", or no type), else {@link #CHAR} or {@link #BLOCK}. */
    private static int type(String type) {
        return switch (type == null ? "a" : type) {
            case "a" -> 0;
            case "c" -> CHAR;
            case "b" -> BLOCK;
            default -> throw new IllegalArgumentException("device rule type `" + type + "`: not a, c or b");
        };
    }

    /** A major or minor; the program compares them with 32-bit immediates, which the kernel sign-extends. */
    private static long number(Long n) {
        if (n != null && (n < 0 || n > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("device rule number " + n + ": out of range");
        }
        return n == null ? ANY : n;
    }

    /** The bits of an access string; none given is all of them, as runc's default "rwm". */
    private static int access(String letters) {
        if (letters == null || letters.isEmpty()) {
            return ALL_ACCESS;
        }
        int bits = 0;
        for (char c : letters.toCharArray()) {
            bits |= switch (c) {
                case 'r' -> READ;
                case 'w' -> WRITE;
                case 'm' -> MKNOD;
                default -> throw new IllegalArgumentException("device rule access `" + letters + "`: not of r, w, m");
            };
        }
        return bits;
    }
}
