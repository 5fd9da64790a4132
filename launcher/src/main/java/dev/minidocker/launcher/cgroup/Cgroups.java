package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Finds a container's cgroup under a cgroup root, on whichever version the host mounts there. */
public final class Cgroups {
    /** The directory under which every container's cgroup lives, in each hierarchy. */
    static final String PARENT = "minidocker";
    private static final List<String> V1_CONTROLLERS = List.of("memory", "cpu", "pids");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private Cgroups() {
    }

    /**
     * The cgroup of a container, to create or, after a crash, to clean up: nothing is made until
     * {@link Cgroup#create}. {@code root} (normally /sys/fs/cgroup) is v2 when it holds cgroup.controllers,
     * else v1 (hybrid included: a cgroup2 mount at root/unified is not used).
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
                    + "(cgroup.controllers) and no cgroup v1 memory, cpu or pids hierarchy");
        }
        return new CgroupV1(hierarchies, containerId, files, killer);
    }

    /**
     * For each controller, the hierarchy that holds it: {@code root/cpu} may be a link to
     * {@code cpu,cpuacct}, or only {@code cpu,cpuacct} may exist.
     */
    static Map<String, Path> v1Hierarchies(Path root) throws LaunchException {
        List<Path> mounts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                Path mount = Files.isSymbolicLink(entry) ? entry.resolveSibling(Files.readSymbolicLink(entry)) : entry;
                if (Files.exists(mount.resolve("cgroup.procs"))) {
                    mounts.add(mount.normalize());
                }
            }
        } catch (IOException e) {
            throw new LaunchException("cgroup: list `" + root + "`: " + e.getMessage(), e);
        }
        Map<String, Path> hierarchies = new LinkedHashMap<>();
        for (String c : V1_CONTROLLERS) {
            mounts.stream().filter(m -> Arrays.asList(m.getFileName().toString().split(",")).contains(c))
                    .findFirst().ifPresent(m -> hierarchies.put(c, m));
        }
        return hierarchies;
    }
}
