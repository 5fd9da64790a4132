package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.CapabilityNames;
import dev.minidocker.linux.CapabilitySets;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.linux.Users;
import dev.minidocker.spec.RuntimeSpec;
import java.util.Collection;

/**
 * Step 11: privileges, in runc's order: drop from the bounding set what the spec does not list;
 * setgroups, setresgid, setresuid; capset (the spec's effective and permitted sets for uid 0,
 * nothing for other users, as Docker does; inheritable empty); no_new_privs.
 */
final class Capabilities {
    private Capabilities() {
    }

    /** The bit mask of {@code names} (CAP_CHOWN...); unknown names are warned about and left out, as runc does. */
    static long mask(Collection<String> names) {
        return CapabilityNames.mask(names, name -> Narrator.warn("unknown capability " + name + " ignored"));
    }

    /** Applies {@code caps} for {@code user}; {@code lastCap} is /proc/sys/kernel/cap_last_cap. */
    static void apply(Syscalls sys, RuntimeSpec.Capabilities caps, Users.ExecUser user, boolean noNewPrivileges,
            int lastCap, Narrator say) throws SetupException {
        long bounding = mask(caps.bounding());
        say.say("drop from the bounding set all but " + String.join(" ", CapabilityNames.names(bounding)));
        for (int cap = 0; cap <= lastCap; cap++) {
            if ((bounding & (1L << cap)) == 0) {
                int c = cap;
                attempt("drop capability", CapabilityNames.name(cap), () -> sys.dropBoundingCapability(c));
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
        say.say("capset effective " + CapabilityNames.names(sets.effective()) + ", permitted "
                + CapabilityNames.names(sets.permitted()) + ", inheritable none");
        CapabilitySets chosen = sets;
        attempt("capset", "uid " + user.uid(), () -> sys.capset(chosen));
        if (noNewPrivileges) {
            say.say("prctl PR_SET_NO_NEW_PRIVS");
            attempt("set no_new_privs", "pid 0", sys::setNoNewPrivileges);
        }
    }
}
