package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Finds a container's cgroup under a cgroup root, on whichever version the host mounts there. */
public final class Cgroups {
    /** The directory under which every container's cgroup lives, in each hierarchy. */
    static final String PARENT = "minidocker";
    /** A hybrid host's cgroup2 mount, as systemd names it; a container joins it too, as runc does. */
    static final String UNIFIED = "unified";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private Cgroups() {
    }

    /**
     * The cgroup of a container, to create or, after a crash, to clean up: nothing is made until
     * {@link Cgroup#create}. {@code root} (normally /sys/fs/cgroup) is v2 when it holds cgroup.controllers,
     * else v1 (hybrid included: the container has a cgroup in every v1 hierarchy and in the cgroup2 one
     * at root/unified).
     */
    public static Cgroup forContainer(Path root, String containerId, EventListener explain) throws LaunchException {
        return forContainer(root, containerId, explain, (pid, signal) -> Syscalls.system().kill(pid, signal));
    }

    static Cgroup forContainer(Path root, String containerId, EventListener explain, PidSweep.Killer killer)
            throws LaunchException {
        if (!ID.matcher(containerId).matches()) {
            throw new LaunchException("cgroup: container id `" + containerId + "`: not a valid cgroup name");
        }
        CgroupFiles files = new CgroupFiles(explain);
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            return new CgroupV2(root, containerId, files, killer);
        }
        Map<String, Path> hierarchies = v1Hierarchies(root);
        if (hierarchies.isEmpty()) {
            throw new LaunchException("cgroup: find the cgroup hierarchies under `" + root + "`: no cgroup v2 "
                    + "(cgroup.controllers) and no cgroup v1 hierarchy");
        }
        return new CgroupV1(hierarchies, containerId, files, killer);
    }

    /**
     * Every hierarchy mounted under {@code root}, by its directory's name ({@code cpu,cpuacct},
     * {@code systemd} for name=systemd, {@link #UNIFIED} for a hybrid host's cgroup2), each once:
     * {@code root/cpu} may be a link to {@code cpu,cpuacct}. Sorted by name, so every command finds
     * them in the same order.
     */
    static Map<String, Path> v1Hierarchies(Path root) throws LaunchException {
        Map<String, Path> hierarchies = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                Path mount = (Files.isSymbolicLink(entry) ? entry.resolveSibling(Files.readSymbolicLink(entry)) : entry)
                        .normalize();
                String name = mount.getFileName().toString();
                boolean cgroup2 = Files.exists(mount.resolve("cgroup.controllers"));
                if (Files.exists(mount.resolve("cgroup.procs")) && (!cgroup2 || name.equals(UNIFIED))) {
                    hierarchies.put(name, mount);
                }
            }
        } catch (IOException e) {
            throw new LaunchException("cgroup: list `" + root + "`: " + e.getMessage(), e);
        }
        return hierarchies;
    }
}
