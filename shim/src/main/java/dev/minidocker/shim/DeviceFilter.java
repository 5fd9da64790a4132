package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.Resources.DeviceRule;
import java.nio.file.Path;
import java.util.List;

/**
 * The device rules of a cgroup v2 container, as runc and crun enforce them: a
 * BPF_PROG_TYPE_CGROUP_DEVICE program ({@link DeviceProgram}) attached to the container's cgroup
 * with BPF_F_ALLOW_MULTI, so the programs of its ancestors run too. The cgroup keeps the program
 * once attached, and drops it with the cgroup; the shim closes its descriptors. The shim does it
 * rather than the launcher, which has no syscall handle linked on the way to a run.
 */
final class DeviceFilter {
    /** The program's license as the kernel reads it; the program calls no helper that asks for one. */
    private static final String LICENSE = "GPL";

    private final Syscalls sys;
    private final Path dir;
    private final int dirFd;
    private final DevicePolicy policy;

    private DeviceFilter(Syscalls sys, Path dir, int dirFd, DevicePolicy policy) {
        this.sys = sys;
        this.dir = dir;
        this.dirFd = dirFd;
        this.policy = policy;
    }

    /** Reduces the rules and opens the cgroup's directory, before pivot_root hides its host path. */
    static DeviceFilter open(Syscalls sys, Path cgroupDir, List<DeviceRule> rules) throws SetupException {
        DevicePolicy policy;
        try {
            policy = DevicePolicy.of(rules);
        } catch (IllegalArgumentException e) {
            throw new SetupException("read the device rules", cgroupDir, e.getMessage());
        }
        return new DeviceFilter(sys, cgroupDir, attempt("open cgroup", cgroupDir, () -> sys.openDirectory(cgroupDir)),
                policy);
    }

    /** Loads the program and attaches it to the cgroup. */
    void attach(Narrator say) throws SetupException {
        long[] program = DeviceProgram.of(policy);
        say.say("attach a device filter to " + dir + " (BPF, " + program.length + " instructions: "
                + (policy.allowByDefault() ? "every device but " : "no device but ") + policy.exceptions().size()
                + " rules)");
        int programFd = attempt("load the device filter of", dir,
                () -> sys.loadBpfProgram(Syscalls.BPF_PROG_TYPE_CGROUP_DEVICE, program, LICENSE));
        try {
            attempt("attach the device filter to", dir, () -> sys.attachBpfProgram(dirFd, programFd,
                    Syscalls.BPF_CGROUP_DEVICE, Syscalls.BPF_F_ALLOW_MULTI));
        } finally {
            attempt("close", dir, () -> sys.close(programFd));
            attempt("close", dir, () -> sys.close(dirFd));
        }
    }
}
