package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.ContainerDirs;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.cgroup.DeviceRules;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.launcher.userns.IdMap;
import dev.minidocker.launcher.userns.UserNamespace;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.Linux;
import dev.minidocker.spec.Resources.Cpu;
import dev.minidocker.spec.Resources.DeviceRule;
import dev.minidocker.spec.Resources.Memory;
import dev.minidocker.spec.Resources.Pids;
import dev.minidocker.spec.RuntimeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a container as an OCI runtime spec: Docker's mounts, masks, capabilities and namespaces,
 * the process, the cgroup's limits, and minidocker's annotations for what the spec has no field
 * for (the overlay rootfs, the cgroups to join, the console).
 */
public final class SpecBuilder {
    private SpecBuilder() {
    }

    /**
     * @param dirs the container's directories
     * @param rootfs the overlay that becomes the root
     * @param network its networking: which namespace, whose hosts and resolv.conf
     * @param cgroup how the container's processes join its cgroup
     * @param userns the container's own user namespace, or null for the host's
     * @param userMounts the binds, volumes and tmpfs mounts the container asks for
     */
    public static RuntimeSpec build(ContainerDirs dirs, OverlayPlan rootfs, ProcessPlan process, RunOptions options,
            NetworkPlan network, String hostname, Cgroup.Membership cgroup, UserNamespace userns,
            MountPlan userMounts) throws LaunchException {
        boolean privileged = options.privileges().privileged();
        List<RuntimeSpec.Mount> mounts = new ArrayList<>(privileged ? SecurityDefaults.privilegedMounts()
                : SecurityDefaults.mounts());
        if (userns != null && network.host()) {
            // sysfs may be mounted only by the user namespace owning the network namespace, here the
            // host's: the host's /sys is bound instead, read-only, as runc does.
            mounts.replaceAll(m -> !m.type().equals("sysfs") ? m : new RuntimeSpec.Mount("/sys", "bind", "/sys",
                    List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
        }
        mounts.add(bindFile("/etc/hostname", dirs.hostname()));
        mounts.addAll(networkFiles(dirs, network));
        List<RuntimeSpec.Mount> asked = new ArrayList<>();
        for (var p : userMounts.points()) {
            asked.add(Volumes.bind(p.destination(), p.source(), p.readOnly()));
        }
        for (String t : userMounts.tmpfs()) {
            asked.add(Volumes.tmpfs(t));
        }
        // Parents first, as Docker sorts them: -v /x:/data/sub -v /y:/data must not hide /data/sub.
        // A lambda of this class, which the AOT cache keeps, not one of Comparator's, spun at every run.
        asked.sort((a, b) -> Integer.compare(depth(a), depth(b)));
        mounts.addAll(asked);
        List<Linux.Namespace> namespaces = new ArrayList<>();
        for (String ns : List.of("pid", "ipc", "uts", "mount", "cgroup")) {
            namespaces.add(new Linux.Namespace(ns, null));
        }
        if (!network.host()) {
            namespaces.add(new Linux.Namespace("network", network.joined() == null || network.joined().state().pid() == 0
                    ? null : "/proc/" + network.joined().state().pid() + "/ns/net"));
        }
        if (userns != null) {
            namespaces.add(new Linux.Namespace("user", null));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(Annotations.OVERLAY, rootfs.mountOptions());
        annotations.put(Annotations.CGROUP_PROCS, String.join(":", cgroup.joinFiles().stream().map(Path::toString)
                .toList()));
        cgroup.cloneInto().ifPresent(dir -> annotations.put(Annotations.CGROUP_CLONE_INTO, dir.toString()));
        annotations.put(Annotations.CGROUP_MOUNTS, cgroup.mountSpec());
        RuntimeSpec.User user = numericUser(process.user());
        if (user == null) {
            annotations.put(Annotations.USER, process.user());
            user = new RuntimeSpec.User(0, 0, List.of());
        }
        if (options.tty()) {
            annotations.put(Annotations.CONSOLE, "");
        }
        if (options.explain()) {
            annotations.put(Annotations.EXPLAIN, "true");
        }
        List<Linux.Device> devices = new ArrayList<>();
        List<DeviceRule> allowed = new ArrayList<>();
        if (privileged) {
            // Docker's privileged container: every node of the host's /dev, and every device allowed.
            for (HostDevices.Found found : HostDevices.all()) {
                devices.add(found.device());
            }
            allowed.add(DeviceRules.allow("a", null, null, "rwm"));
        }
        for (DeviceMapping mapping : options.devices()) {
            for (HostDevices.Found found : HostDevices.of(mapping)) {
                devices.add(found.device());
                allowed.add(found.rule());
            }
        }
        allowed.addAll(options.deviceCgroupRules());
        List<String> caps = options.privileges().capabilities();
        RuntimeSpec.Process proc = new RuntimeSpec.Process(options.tty(), user, process.args(), process.env(),
                process.cwd(), new RuntimeSpec.Capabilities(caps, caps, null, caps, null), null,
                options.noNewPrivileges());
        return new RuntimeSpec(RuntimeSpec.OCI_VERSION, proc,
                new RuntimeSpec.Root(rootfs.target().toString(), options.readOnly()), hostname, mounts,
                new Linux(namespaces, userns == null ? null : mappings(userns.uids()),
                        userns == null ? null : mappings(userns.gids()), devices,
                        resources(options.resources(), allowed), "minidocker/" + dirs.id(), null, null,
                        privileged ? List.of() : SecurityDefaults.MASKED_PATHS,
                        privileged ? List.of() : SecurityDefaults.READONLY_PATHS),
                annotations);
    }

    /**
     * The cgroup's rules as runc takes them: Docker's device rules, which every container has, and
     * each limit set, and only those.
     */
    static dev.minidocker.spec.Resources resources(Resources r, List<DeviceRule> allowed) {
        Memory memory = r.memoryBytes() == 0 ? null : new Memory(r.memoryBytes(), null, r.memoryAndSwap());
        Cpu cpu = r.cpuShares() == 0 && r.nanoCpus() == 0 ? null : new Cpu(r.cpuShares() == 0 ? null : r.cpuShares(),
                r.nanoCpus() == 0 ? null : r.cpuQuotaMicros(), r.nanoCpus() == 0 ? null : Resources.CPU_PERIOD_MICROS,
                null);
        Pids pids = r.pidsLimit() == 0 ? null : new Pids(r.pidsLimit());
        return new dev.minidocker.spec.Resources(dockerDeviceRules(allowed), memory, cpu, pids);
    }

    /** Docker's device rules: no device but the {@code allowed} ones, then runc's defaults. */
    private static List<DeviceRule> dockerDeviceRules(List<DeviceRule> allowed) {
        List<DeviceRule> rules = new ArrayList<>(List.of(DeviceRules.DENY_ALL));
        rules.addAll(allowed);
        rules.addAll(DeviceRules.DEFAULTS);
        return rules;
    }

    /**
     * {@code spec}, with Docker's default device rules if it has none: a container created before
     * minidocker had a device cgroup gets one when it starts again (its limits kept).
     */
    public static RuntimeSpec withDeviceRules(RuntimeSpec spec) {
        Linux l = spec.linux();
        if (l == null || !deviceRules(spec).isEmpty()) {
            return spec;
        }
        dev.minidocker.spec.Resources r = l.resources();
        return withResources(spec, r == null
                ? new dev.minidocker.spec.Resources(dockerDeviceRules(List.of()), null, null, null)
                : new dev.minidocker.spec.Resources(dockerDeviceRules(List.of()), r.memory(), r.cpu(), r.pids()));
    }

    private static RuntimeSpec withResources(RuntimeSpec spec, dev.minidocker.spec.Resources resources) {
        Linux l = spec.linux();
        var linux = new Linux(l.namespaces(), l.uidMappings(), l.gidMappings(), l.devices(), resources,
                l.cgroupsPath(), l.sysctl(), l.seccomp(), l.maskedPaths(), l.readonlyPaths());
        return new RuntimeSpec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), spec.mounts(), linux,
                spec.annotations());
    }

    /** {@code spec} with the limits {@code r} (its device rules kept), as {@code update} changes them. */
    public static RuntimeSpec withLimits(RuntimeSpec spec, Resources r) {
        if (spec.linux() == null) {
            return spec;
        }
        var limits = resources(r, List.of());
        return withResources(spec, new dev.minidocker.spec.Resources(deviceRules(spec), limits.memory(), limits.cpu(),
                limits.pids()));
    }

    /** The device cgroup's rules of a container's spec, in order. */
    public static List<DeviceRule> deviceRules(RuntimeSpec spec) {
        return spec.linux() == null || spec.linux().resources() == null ? List.of()
                : spec.linux().resources().devices();
    }

    /** {@code spec} with the console the container gets ({@code consoleSlave}: a pty's slave), or with none. */
    public static RuntimeSpec withConsole(RuntimeSpec spec, String consoleSlave) {
        return spec.withAnnotation(Annotations.CONSOLE,
                consoleSlave == null || consoleSlave.isEmpty() ? null : consoleSlave);
    }

    private static List<Linux.IdMapping> mappings(List<IdMap> map) {
        return map.stream().map(m -> new Linux.IdMapping(m.containerId(), m.hostId(), m.size())).toList();
    }

    /** The container's user namespace as its spec has it, or null when it has none. */
    public static UserNamespace userNamespace(RuntimeSpec spec) {
        Linux linux = spec.linux();
        if (linux == null || linux.uidMappings().isEmpty()) {
            return null;
        }
        return new UserNamespace(idMaps(linux.uidMappings()), idMaps(linux.gidMappings()));
    }

    /** The files a process of the container joins its cgroups by, as its spec names them. */
    public static List<Path> cgroupJoinFiles(RuntimeSpec spec) {
        String procs = spec.annotations().getOrDefault(Annotations.CGROUP_PROCS, "");
        return Arrays.stream(procs.split(":")).filter(p -> !p.isEmpty()).map(Path::of).toList();
    }

    /** The cgroup2 directory a process of the container is born in, as its spec names it. */
    public static Optional<Path> cgroupCloneInto(RuntimeSpec spec) {
        return Optional.ofNullable(spec.annotations().get(Annotations.CGROUP_CLONE_INTO)).map(Path::of);
    }

    private static List<IdMap> idMaps(List<Linux.IdMapping> mappings) {
        return mappings.stream().map(m -> new IdMap(m.containerID(), m.hostID(), m.size())).toList();
    }

    /**
     * /etc/hosts and /etc/resolv.conf as Docker gives them: the container's own (resolv.conf on a
     * bridge network only: with none, the image's), the host's resolv.conf with the host's network,
     * the joined container's with {@code container:NAME}.
     */
    private static List<RuntimeSpec.Mount> networkFiles(ContainerDirs dirs, NetworkPlan network) {
        if (network.joined() != null) {
            ContainerDirs joined = new ContainerDirs(network.joined().id(), dirs.dir().resolveSibling(network.joined().id()));
            List<RuntimeSpec.Mount> files = new ArrayList<>(List.of(bindFile("/etc/hosts", joined.hosts())));
            if (Files.exists(joined.resolvConf())) {
                files.add(bindFile("/etc/resolv.conf", joined.resolvConf()));
            }
            return files;
        }
        List<RuntimeSpec.Mount> files = new ArrayList<>(List.of(bindFile("/etc/hosts", dirs.hosts())));
        if (network.host()) {
            files.add(bindFile("/etc/resolv.conf", Path.of("/etc/resolv.conf")));
        } else if (network.resolvConf() != null) {
            files.add(bindFile("/etc/resolv.conf", dirs.resolvConf()));
        }
        return files;
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
