package dev.minidocker.launcher;

import dev.minidocker.launcher.spec.RuntimeSpec;
import dev.minidocker.launcher.spec.SecurityDefaults;
import dev.minidocker.launcher.userns.IdMap;
import dev.minidocker.launcher.userns.UserNamespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a container as an OCI runtime spec: Docker's mounts, masks, capabilities and namespaces,
 * the process, and minidocker's annotations for what the spec has no field for (the overlay
 * rootfs, the cgroups to join, the console).
 */
public final class SpecBuilder {
    public static final String OVERLAY = "org.minidocker.rootfs.overlay";
    public static final String CGROUP_PROCS = "org.minidocker.cgroup.procs";
    public static final String CGROUP_MOUNTS = "org.minidocker.cgroup.mounts";
    public static final String CONSOLE = "org.minidocker.console";
    public static final String USER = "org.minidocker.user";
    public static final String EXPLAIN = "org.minidocker.explain";
    /** The compiled seccomp program (a file of the store) that the spec's {@code linux.seccomp} compiles to. */
    public static final String SECCOMP = "org.minidocker.seccomp.bpf";

    private SpecBuilder() {
    }

    /**
     * @param dirs the container's directories
     * @param rootfs the overlay that becomes the root
     * @param userns the container's own user namespace, or null for the host's
     */
    public static RuntimeSpec build(ContainerDirs dirs, OverlayPlan rootfs, ProcessPlan process, RunOptions options,
            String hostname, List<Path> cgroupProcs, String cgroupMounts, UserNamespace userns)
            throws LaunchException {
        List<RuntimeSpec.Mount> mounts = new ArrayList<>(SecurityDefaults.mounts());
        if (userns != null && options.network().equals("host")) {
            // sysfs may be mounted only by the user namespace owning the network namespace, here the
            // host's: the host's /sys is bound instead, read-only, as runc does.
            mounts.replaceAll(m -> !m.type().equals("sysfs") ? m : new RuntimeSpec.Mount("/sys", "bind", "/sys",
                    List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
        }
        mounts.add(bindFile("/etc/hostname", dirs.hostname()));
        mounts.add(bindFile("/etc/hosts", dirs.hosts()));
        if (options.network().equals("host")) {
            mounts.add(bindFile("/etc/resolv.conf", Path.of("/etc/resolv.conf")));
        }
        List<RuntimeSpec.Mount> userMounts = new ArrayList<>();
        for (String b : options.binds()) {
            userMounts.add(Volumes.bind(b));
        }
        for (String t : options.tmpfs()) {
            userMounts.add(Volumes.tmpfs(t));
        }
        // Parents first, as Docker sorts them: -v /x:/data/sub -v /y:/data must not hide /data/sub.
        // A lambda of this class, which the AOT cache keeps, not one of Comparator's, spun at every run.
        userMounts.sort((a, b) -> Integer.compare(depth(a), depth(b)));
        mounts.addAll(userMounts);
        List<RuntimeSpec.Namespace> namespaces = new ArrayList<>();
        for (String ns : List.of("pid", "ipc", "uts", "mount", "cgroup")) {
            namespaces.add(new RuntimeSpec.Namespace(ns, null));
        }
        if (!options.network().equals("host")) {
            namespaces.add(new RuntimeSpec.Namespace("network", null));
        }
        if (userns != null) {
            namespaces.add(new RuntimeSpec.Namespace("user", null));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(OVERLAY, rootfs.mountOptions());
        annotations.put(CGROUP_PROCS, String.join(":", cgroupProcs.stream().map(Path::toString).toList()));
        annotations.put(CGROUP_MOUNTS, cgroupMounts);
        RuntimeSpec.User user = numericUser(process.user());
        if (user == null) {
            annotations.put(USER, process.user());
            user = new RuntimeSpec.User(0, 0, List.of());
        }
        if (options.tty()) {
            annotations.put(CONSOLE, "");
        }
        if (options.explain()) {
            annotations.put(EXPLAIN, "true");
        }
        List<String> caps = SecurityDefaults.CAPABILITIES;
        RuntimeSpec.Process proc = new RuntimeSpec.Process(options.tty(), user, process.args(), process.env(),
                process.cwd(), new RuntimeSpec.Capabilities(caps, caps, caps), options.noNewPrivileges());
        return new RuntimeSpec(RuntimeSpec.OCI_VERSION, proc,
                new RuntimeSpec.Root(rootfs.target().toString(), options.readOnly()), hostname, mounts,
                new RuntimeSpec.Linux(namespaces, userns == null ? null : mappings(userns.uids()),
                        userns == null ? null : mappings(userns.gids()), SecurityDefaults.MASKED_PATHS,
                        SecurityDefaults.READONLY_PATHS, "minidocker/" + dirs.id(), null),
                annotations);
    }

    private static List<RuntimeSpec.IdMapping> mappings(List<IdMap> map) {
        return map.stream().map(m -> new RuntimeSpec.IdMapping(m.containerId(), m.hostId(), m.size())).toList();
    }

    /** The container's user namespace as its spec has it, or null when it has none. */
    public static UserNamespace userNamespace(RuntimeSpec spec) {
        RuntimeSpec.Linux linux = spec.linux();
        if (linux == null || linux.uidMappings() == null || linux.uidMappings().isEmpty()) {
            return null;
        }
        return new UserNamespace(idMaps(linux.uidMappings()), idMaps(linux.gidMappings()));
    }

    private static List<IdMap> idMaps(List<RuntimeSpec.IdMapping> mappings) {
        return mappings.stream().map(m -> new IdMap(m.containerID(), m.hostID(), m.size())).toList();
    }

    private static RuntimeSpec.Mount bindFile(String destination, Path source) {
        return new RuntimeSpec.Mount(destination, "bind", source.toString(), List.of("rbind", "rprivate"));
    }

    /** {@code uid} or {@code uid:gid} in numbers needs no lookup in the image; names do (the shim reads /etc/passwd). */
    static RuntimeSpec.User numericUser(String user) {
        if (user.matches("\\d+")) {
            return null;
        }
        if (user.matches("\\d+:\\d+")) {
            String[] p = user.split(":");
            return new RuntimeSpec.User(Integer.parseInt(p[0]), Integer.parseInt(p[1]), List.of());
        }
        return null;
    }

    private static int depth(RuntimeSpec.Mount mount) {
        return Path.of(mount.destination()).normalize().getNameCount();
    }
}
