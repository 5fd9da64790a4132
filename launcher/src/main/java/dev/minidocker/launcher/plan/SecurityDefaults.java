package dev.minidocker.launcher.plan;

import dev.minidocker.spec.RuntimeSpec;
import java.util.List;

/** Docker's defaults (moby daemon/pkg/oci): capabilities, masked and read-only paths, mounts. */
public final class SecurityDefaults {
    /** The 14 capabilities Docker grants. */
    public static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Hidden from the container: /dev/null over files, an empty read-only tmpfs over directories. */
    public static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/interrupts",
            "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi",
            "/proc/timer_list", "/proc/timer_stats", "/sys/devices/virtual/powercap", "/sys/firmware");

    public static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private SecurityDefaults() {
    }

    /** A privileged container's mounts: the defaults with /sys and the cgroup filesystem writable, as Docker's. */
    public static List<RuntimeSpec.Mount> privilegedMounts() {
        return mounts().stream().map(m -> m.type().equals("sysfs") || m.type().equals("cgroup")
                ? new RuntimeSpec.Mount(m.destination(), m.type(), m.source(),
                        m.options().stream().filter(o -> !o.equals("ro")).toList())
                : m).toList();
    }

    /** Docker's default mounts, the cgroup filesystem last. */
    public static List<RuntimeSpec.Mount> mounts() {
        return List.of(
                new RuntimeSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new RuntimeSpec.Mount("/dev", "tmpfs", "tmpfs",
                        List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new RuntimeSpec.Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new RuntimeSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new RuntimeSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new RuntimeSpec.Mount("/dev/shm", "tmpfs", "shm",
                        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new RuntimeSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup",
                        List.of("ro", "nosuid", "noexec", "nodev")));
    }
}
