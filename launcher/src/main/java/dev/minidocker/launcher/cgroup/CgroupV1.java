package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A container's cgroup on the v1 hierarchies: {@code <hierarchy>/minidocker/<id>} in the memory, cpu and
 * pids hierarchies that the host mounts (cpu may share one with cpuacct).
 */
public final class CgroupV1 implements Cgroup {
    private static final String WHERE = "no cgroup v1 hierarchy of this host offers";

    /** Controller name to the container's directory in the hierarchy that holds it. */
    private final Map<String, Path> dirs;
    private final CgroupFiles files;
    private final PidSweep.Killer killer;

    /** {@code hierarchies}: controller name to the mount of its hierarchy, for the controllers the host has. */
    CgroupV1(Map<String, Path> hierarchies, String containerId, CgroupFiles files, PidSweep.Killer killer) {
        this.dirs = new LinkedHashMap<>();
        hierarchies.forEach((c, mount) -> dirs.put(c, mount.resolve(Cgroups.PARENT).resolve(containerId)));
        this.files = files;
        this.killer = killer;
    }

    /** The container's directory in each hierarchy used, one per hierarchy. */
    public List<Path> dirs() {
        return List.copyOf(new LinkedHashSet<>(dirs.values()));
    }

    @Override
    public void create(Resources r) throws LaunchException {
        r.requireControllers(dirs.keySet(), WHERE);
        for (Path dir : dirs()) {
            files.mkdirs(dir);
        }
        Path memory = dirs.get("memory");
        if (memory != null) {
            writeMemory(memory, r);
        }
        Path cpu = dirs.get("cpu");
        if (r.cpuShares() > 0) {
            files.write(cpu.resolve("cpu.shares"), r.cpuShares());
        }
        if (r.nanoCpus() > 0) {
            files.write(cpu.resolve("cpu.cfs_period_us"), Resources.CPU_PERIOD_MICROS);
            files.write(cpu.resolve("cpu.cfs_quota_us"), r.cpuQuotaMicros());
        }
        Path pids = dirs.get("pids");
        if (r.pidsMax() != null && pids != null) {
            files.write(pids.resolve("pids.max"), r.pidsMax());
        }
    }

    /** The kernel wants memory+swap at least the memory, so the memory goes first. */
    private void writeMemory(Path dir, Resources r) throws LaunchException {
        files.write(dir.resolve("memory.oom_control"), "0");
        if (r.memoryBytes() == 0) {
            return;
        }
        files.write(dir.resolve("memory.limit_in_bytes"), r.memoryBytes());
        Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
        r.requireSwapAccounting(memsw);
        if (Files.exists(memsw)) {
            files.write(memsw, r.memoryAndSwap());
        }
    }

    @Override
    public List<Path> joinFiles() {
        return dirs().stream().map(d -> d.resolve("tasks")).toList();
    }

    @Override
    public String mountSpec() {
        List<String> names = new ArrayList<>();
        for (Path dir : dirs()) {
            names.add(dir.getParent().getParent().getFileName().toString());
        }
        return "v1:" + String.join(",", names);
    }

    @Override
    public Optional<Path> oomEvents() {
        return Optional.ofNullable(dirs.get("memory")).map(memory -> memory.resolve("memory.oom_control"));
    }

    @Override
    public boolean oomKilled() throws LaunchException {
        Optional<Path> events = oomEvents();
        return events.isPresent() && files.keyed(events.get(), "oom_kill") > 0;
    }

    @Override
    public List<Long> pids() throws LaunchException {
        Set<Long> pids = new TreeSet<>();
        for (Path dir : dirs()) {
            pids.addAll(files.pids(dir.resolve("cgroup.procs")));
        }
        return List.copyOf(pids);
    }

    @Override
    public void killAll(int signal) throws LaunchException {
        PidSweep.signal(this::pids, killer, signal, dirs().getFirst());
    }

    @Override
    public void delete() throws LaunchException {
        for (Path dir : dirs()) {
            files.rmdir(dir);
            files.rmdirParentIfUnused(dir);
        }
    }
}
