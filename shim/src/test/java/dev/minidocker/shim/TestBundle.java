package dev.minidocker.shim;

import dev.minidocker.spec.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bundles for tests: Docker's default spec as maps, written out as config.json. */
final class TestBundle {
    static final List<String> DOCKER_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    static final List<String> MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    static final List<String> READONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private TestBundle() {
    }

    /** Docker's defaults (moby daemon/pkg/oci/defaults.go) for {@code args}, rootfs "rootfs" in the bundle. */
    static Map<String, Object> dockerSpec(List<String> args) {
        Map<String, Object> caps = map("bounding", DOCKER_CAPS, "effective", DOCKER_CAPS, "permitted", DOCKER_CAPS);
        Map<String, Object> process = map("terminal", false, "user", map("uid", 0, "gid", 0), "args", args,
                "env", new ArrayList<>(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")),
                "cwd", "/", "capabilities", caps, "noNewPrivileges", false);
        List<Object> mounts = new ArrayList<>(List.of(
                mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
                mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
                mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666",
                        "mode=0620", "gid=5"),
                mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
                mount("/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev"),
                mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
                mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=67108864")));
        List<Object> namespaces = new ArrayList<>();
        for (String ns : List.of("mount", "network", "uts", "pid", "ipc", "cgroup")) {
            namespaces.add(map("type", ns));
        }
        return map("ociVersion", "1.2.0", "process", process, "root", map("path", "rootfs", "readonly", false),
                "hostname", "c0ffee", "mounts", mounts,
                "linux", map("namespaces", namespaces, "maskedPaths", MASKED, "readonlyPaths", READONLY),
                "annotations", new LinkedHashMap<String, Object>());
    }

    static Map<String, Object> mount(String destination, String type, String source, String... options) {
        return map("destination", destination, "type", type, "source", source, "options", List.of(options));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> member(Map<String, Object> spec, String name) {
        return (Map<String, Object>) spec.get(name);
    }

    static void write(Path bundle, Map<String, Object> spec) throws IOException {
        Files.write(bundle.resolve("config.json"), Json.write(spec));
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
