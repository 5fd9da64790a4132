package dev.minidocker.spec;

/**
 * minidocker's annotations in a runtime spec: what the launcher plans that the spec has no field
 * for, and the shim reads. Annotation keys are reverse domain names, as the spec asks.
 */
public final class Annotations {
    /** The overlay's mount options ({@code lowerdir=...,upperdir=...,workdir=...}) that make the root filesystem. */
    public static final String OVERLAY = "org.minidocker.rootfs.overlay";
    /** The cgroup files the container's process joins by, {@code :}-separated (each hierarchy's {@code tasks} on v1). */
    public static final String CGROUP_PROCS = "org.minidocker.cgroup.procs";
    /**
     * The cgroup2 directory the container's processes are born in ({@code CLONE_INTO_CGROUP}) rather
     * than join by a file of {@link #CGROUP_PROCS}: a hybrid host's cgroup2 hierarchy; absent on v1 and v2 alone.
     */
    public static final String CGROUP_CLONE_INTO = "org.minidocker.cgroup.clone-into";
    /** How the cgroups are mounted inside: {@code v2}, or {@code v1:} and the hierarchies. */
    public static final String CGROUP_MOUNTS = "org.minidocker.cgroup.mounts";
    /** The pseudo-terminal bound on {@code /dev/console}: planned empty, named when the container starts. */
    public static final String CONSOLE = "org.minidocker.console";
    /** The {@code -u} user by name, which the shim resolves in the image's {@code /etc/passwd}. */
    public static final String USER = "org.minidocker.user";
    /**
     * The compiled seccomp program (a file of the store) that the spec's {@code linux.seccomp}
     * compiles to, which the shim and minidocker-enter install; config.json carries only this.
     */
    public static final String SECCOMP = "org.minidocker.seccomp.bpf";
    /** {@code "true"}: the shim narrates its steps on stderr ({@code --explain}). */
    public static final String EXPLAIN = "org.minidocker.explain";

    private Annotations() {
    }
}
