package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.RuntimeSpec;
import java.util.List;

/** The spec's rlimits, set with prlimit64 before privileges are dropped. */
final class Rlimits {
    /** RLIMIT_* names by number (the same on amd64 and arm64). */
    private static final List<String> NAMES = List.of("RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK",
            "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS",
            "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

    private Rlimits() {
    }

    static void apply(Syscalls sys, List<RuntimeSpec.Rlimit> rlimits, Narrator say) throws SetupException {
        for (RuntimeSpec.Rlimit r : rlimits) {
            int resource = NAMES.indexOf(r.type());
            if (resource < 0) {
                throw new SetupException("setrlimit", r.type(), "unknown resource");
            }
            say.say("prlimit " + r.type() + " soft " + Long.toUnsignedString(r.soft()) + " hard "
                    + Long.toUnsignedString(r.hard()));
            attempt("setrlimit", r.type(), () -> sys.setRlimit(resource, r.soft(), r.hard()));
        }
    }
}
