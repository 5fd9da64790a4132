package dev.minidocker.launcher.seccomp;

import java.util.List;

/**
 * A seccomp profile in Docker's format (moby's {@code profiles/seccomp}): OCI's seccomp section
 * plus rules that apply only on some architectures, with some capabilities or from some kernel
 * version on. {@link ProfileResolver} turns it into the rules of one container on this machine.
 *
 * @param defaultErrnoRet the errno of {@code SCMP_ACT_ERRNO} as the default action, or null
 * @param architectures the architectures given directly (then {@code archMap} is empty)
 * @param archMap each architecture with its sub-architectures (the filter of an x86_64 machine
 *        also covers i386 and x32 programs)
 */
public record SeccompProfile(String defaultAction, Long defaultErrnoRet, List<String> architectures,
        List<ArchMap> archMap, List<Rule> syscalls) {

    public record ArchMap(String architecture, List<String> subArchitectures) {
    }

    /**
     * @param errnoRet the errno of {@code SCMP_ACT_ERRNO} or {@code SCMP_ACT_TRACE}, or null
     * @param includes the rule applies only when all of this holds (null: always)
     * @param excludes the rule does not apply when any of this holds (null: never)
     */
    public record Rule(List<String> names, String action, Long errnoRet, List<Condition> args, Filter includes,
            Filter excludes) {
    }

    /** Argument {@code index} compared by {@code op}; values are uint64 bit patterns. */
    public record Condition(int index, long value, long valueTwo, String op) {
    }

    /**
     * @param arches Go's names of architectures ({@code amd64}, {@code arm64}), as moby matches them
     * @param minKernel the first kernel version ({@code major.minor}) it holds for, or null
     */
    public record Filter(List<String> caps, List<String> arches, KernelVersion minKernel) {
    }

    /** A kernel's version as moby compares them: major and minor, the rest ignored. */
    public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
        @Override
        public int compareTo(KernelVersion other) {
            return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }
}
