package dev.minidocker.launcher.seccomp;

import dev.minidocker.spec.Seccomp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A profile resolved for one container on this machine, as moby resolves it before it hands the
 * rules to runc: the architectures of {@code archMap} for this machine's, and the rules whose
 * {@code includes} all hold and whose {@code excludes} none does, by architecture, the
 * container's bounding capabilities and the kernel's version.
 */
public final class ProfileResolver {
    private ProfileResolver() {
    }

    /** The OCI seccomp section for {@code profile}, or null for a profile that confines nothing (moby's {@code {}}). */
    public static Seccomp resolve(SeccompProfile profile, Machine machine, Collection<String> bounding) {
        if (profile.defaultAction() == null && profile.syscalls().isEmpty()) {
            return null;
        }
        List<String> architectures = new ArrayList<>(profile.architectures());
        for (SeccompProfile.ArchMap map : profile.archMap()) {
            if (map.architecture().equals(machine.seccompArch())) {
                architectures.add(map.architecture());
                architectures.addAll(map.subArchitectures());
                break;
            }
        }
        List<Seccomp.Syscall> syscalls = new ArrayList<>();
        for (SeccompProfile.Rule rule : profile.syscalls()) {
            if (applies(rule, machine, bounding)) {
                syscalls.add(new Seccomp.Syscall(rule.names(), rule.action(), rule.errnoRet(),
                        rule.args().isEmpty() ? null : rule.args().stream().map(c ->
                                new Seccomp.Arg(c.index(), c.value(), c.valueTwo(), c.op())).toList()));
            }
        }
        return new Seccomp(profile.defaultAction(), profile.defaultErrnoRet(), architectures, syscalls);
    }

    static boolean applies(SeccompProfile.Rule rule, Machine machine, Collection<String> bounding) {
        SeccompProfile.Filter excludes = rule.excludes();
        if (excludes != null && (excludes.arches().contains(machine.arch())
                || excludes.caps().stream().anyMatch(bounding::contains)
                || (excludes.minKernel() != null && machine.kernel().compareTo(excludes.minKernel()) >= 0))) {
            return false;
        }
        SeccompProfile.Filter includes = rule.includes();
        return includes == null || ((includes.arches().isEmpty() || includes.arches().contains(machine.arch()))
                && bounding.containsAll(includes.caps())
                && (includes.minKernel() == null || machine.kernel().compareTo(includes.minKernel()) >= 0));
    }
}
