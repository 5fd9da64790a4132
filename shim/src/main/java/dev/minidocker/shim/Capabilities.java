package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.CapabilitySets;
import dev.minidocker.linux.Syscalls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Step 11: privileges, in runc's order: drop from the bounding set what the spec does not list;
 * setgroups, setresgid, setresuid; capset (the spec's effective and permitted sets for uid 0,
 * nothing for other users, as Docker does; inheritable empty); no_new_privs.
 */
final class Capabilities {
    /** CAP_* names by number (linux/capability.h). */
    private static final List<String> NAMES = List.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER",
            "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE",
            "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO",
            "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE",
            "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
            "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
            "CHECKPOINT_RESTORE");

    private Capabilities() {
    }

    /** The bit mask of {@code names} (CAP_CHOWN...); unknown names are warned about and left out, as runc does. */
    static long mask(Collection<String> names) {
        long mask = 0;
        for (String name : names) {
            int number = NAMES.indexOf(name.startsWith("CAP_") ? name.substring(4) : name);
            if (number < 0) {
                Narrator.warn("unknown capability " + name + " ignored");
            } else {
                mask |= 1L << number;
            }
        }
        return mask;
    }

    /** Names of the bits of {@code mask}, for the narration. */
    static List<String> names(long mask) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                names.add(NAMES.get(i));
            }
        }
        return names;
    }

    /** Applies {@code caps} for {@code user}; {@code lastCap} is /proc/sys/kernel/cap_last_cap. */
    static void apply(Syscalls sys, Spec.CapabilityNames caps, Users.ExecUser user, boolean noNewPrivileges,
            int lastCap, Narrator say) throws SetupException {
        long bounding = mask(caps.bounding());
        say.say("drop from the bounding set all but " + String.join(" ", names(bounding)));
        for (int cap = 0; cap <= lastCap; cap++) {
            if ((bounding & (1L << cap)) == 0) {
                int c = cap;
                attempt("drop capability", cap < NAMES.size() ? "CAP_" + NAMES.get(cap) : cap,
                        () -> sys.dropBoundingCapability(c));
            }
        }
        int[] groups = user.groups().stream().mapToInt(Integer::intValue).toArray();
        say.say("setgroups " + user.groups() + ", setresgid " + user.gid() + ", setresuid " + user.uid());
        attempt("setgroups", user.groups(), () -> sys.setgroups(groups));
        attempt("setresgid", user.gid(), () -> sys.setresgid(user.gid(), user.gid(), user.gid()));
        attempt("setresuid", user.uid(), () -> sys.setresuid(user.uid(), user.uid(), user.uid()));
        CapabilitySets sets = CapabilitySets.NONE;
        if (user.uid() == 0) {
            long held = attempt("capget", "pid 0", sys::capget).permitted();
            long permitted = mask(caps.permitted()) & held;
            sets = new CapabilitySets(mask(caps.effective()) & permitted, permitted, 0);
        }
        say.say("capset effective " + names(sets.effective()) + ", permitted " + names(sets.permitted())
                + ", inheritable none");
        CapabilitySets chosen = sets;
        attempt("capset", "uid " + user.uid(), () -> sys.capset(chosen));
        if (noNewPrivileges) {
            say.say("prctl PR_SET_NO_NEW_PRIVS");
            attempt("set no_new_privs", "pid 0", sys::setNoNewPrivileges);
        }
    }
}
