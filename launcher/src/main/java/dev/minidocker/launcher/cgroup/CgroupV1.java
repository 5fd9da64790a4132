package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Resources.DeviceRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A container's cgroup on the v1 hierarchies: {@code <hierarchy>/minidocker/<id>} in every hierarchy
 * the host mounts, as runc's cgroupfs driver makes it (devices, blkio, freezer, cpuset, perf_event...,
 * the named {@code name=systemd} one, and a hybrid host's cgroup2 hierarchy), so that no controller
 * leaves the container in the host's root cgroup: the devices controller above all, which holds its
 * device rules.
 */
public final class CgroupV1 implements Cgroup {
    /** memory.limit_in_bytes without a limit: PAGE_COUNTER_MAX pages, rounded down; any value this high is none. */
    private static final long UNLIMITED_V1 = 1L << 62;
    private static final String WHERE = "no cgroup v1 hierarchy of this host offers";
    private static final List<String> CPUSET_FILES = List.of("cpuset.cpus", "cpuset.mems");

    /** Hierarchy name ({@code cpu,cpuacct}, {@code systemd}, {@code unified}) to the container's directory there. */
    private final Map<String, Path> dirs;
    private final CgroupFiles files;
    private final PidSweep.Killer killer;

    /** {@code hierarchies}: hierarchy name to its mount, for those the host has. */
    CgroupV1(Map<String, Path> hierarchies, String containerId, CgroupFiles files, PidSweep.Killer killer) {
        this.dirs = new LinkedHashMap<>();
        hierarchies.forEach((name, mount) -> dirs.put(name, mount.resolve(Cgroups.PARENT).resolve(containerId)));
        this.files = files;
        this.killer = killer;
    }

    /** The container's directory in each hierarchy. */
    public List<Path> dirs() {
        return List.copyOf(dirs.values());
    }

    /** The container's directory in the hierarchy holding {@code controller}, or null when none does. */
    private Path dir(String controller) {
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            if (Arrays.asList(e.getKey().split(",")).contains(controller)) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public void create(Resources r, List<DeviceRule> devices) throws LaunchException {
        Set<String> controllers = new LinkedHashSet<>();
        dirs.keySet().forEach(name -> controllers.addAll(Arrays.asList(name.split(","))));
        r.requireControllers(controllers, WHERE);
        if (!devices.isEmpty() && dir("devices") == null) {
            throw new LaunchException("cgroup: the device rules need the devices controller, which " + WHERE);
        }
        for (Path dir : dirs()) {
            files.mkdirs(dir);
        }
        Path cpuset = dir("cpuset");
        if (cpuset != null) {
            inheritCpuset(cpuset.getParent());
            inheritCpuset(cpuset);
        }
        Path memory = dir("memory");
        if (memory != null) {
            writeMemory(memory, r);
        }
        Path cpu = dir("cpu");
        if (r.cpuShares() > 0) {
            files.write(cpu.resolve("cpu.shares"), r.cpuShares());
        }
        if (r.nanoCpus() > 0) {
            files.write(cpu.resolve("cpu.cfs_period_us"), Resources.CPU_PERIOD_MICROS);
            files.write(cpu.resolve("cpu.cfs_quota_us"), r.cpuQuotaMicros());
        }
        Path pids = dir("pids");
        if (r.pidsMax() != null && pids != null) {
            files.write(pids.resolve("pids.max"), r.pidsMax());
        }
        for (DeviceRule rule : devices) {
            files.write(dir("devices").resolve(rule.allow() ? "devices.allow" : "devices.deny"), DeviceRules.line(rule));
        }
    }

    /**
     * A new cpuset cgroup has no CPUs and no memory nodes, and no process can join it until it has:
     * it gets its parent's, as runc copies them.
     */
    private void inheritCpuset(Path dir) throws LaunchException {
        for (String name : CPUSET_FILES) {
            if (files.read(dir.resolve(name)).isBlank()) {
                String parents = files.read(dir.getParent().resolve(name)).trim();
                if (!parents.isEmpty()) {
                    files.write(dir.resolve(name), parents);
                }
            }
        }
    }

    @Override
    public void update(Resources r) throws LaunchException {
        Path memory = dir("memory");
        if (r.memoryBytes() > 0 && memory != null) {
            Path limit = memory.resolve("memory.limit_in_bytes");
            Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
            r.requireSwapAccounting(memsw);
            if (!Files.exists(memsw)) {
                files.write(limit, r.memoryBytes());
            } else {
                // memory+swap may never be below the memory: the one that grows goes first.
                long swap = r.memoryAndSwap();
                boolean swapFirst = swap == -1 || swap > files.number(memsw);
                if (swapFirst) {
                    files.write(memsw, swap);
                }
                files.write(limit, r.memoryBytes());
                if (!swapFirst) {
                    files.write(memsw, swap);
                }
            }
        }
        Path cpu = dir("cpu");
        if (cpu != null) {
            if (r.cpuShares() > 0) {
                files.write(cpu.resolve("cpu.shares"), r.cpuShares());
            }
            files.write(cpu.resolve("cpu.cfs_period_us"), Resources.CPU_PERIOD_MICROS);
            files.write(cpu.resolve("cpu.cfs_quota_us"), r.nanoCpus() > 0 ? r.cpuQuotaMicros() : -1);
        }
        Path pids = dir("pids");
        if (pids != null && r.pidsLimit() != 0) {
            files.write(pids.resolve("pids.max"), r.pidsMax());
        }
    }

    @Override
    public CgroupUsage usage() throws LaunchException {
        Path memory = dir("memory");
        Path cpu = dir("cpuacct");
        Path blkio = dir("blkio");
        Path pids = dir("pids");
        long limit = memory == null ? -1 : files.number(memory.resolve("memory.limit_in_bytes"));
        // runc's choice: the CFQ scheduler's counts when they exist, else the throttling layer's.
        String io = blkio == null ? "" : files.read(blkio.resolve("blkio.io_service_bytes_recursive"));
        if (blkio != null && CgroupUsage.blkio(io, "Total") == 0) {
            io = files.read(blkio.resolve("blkio.throttle.io_service_bytes_recursive"));
        }
        return new CgroupUsage(cpu == null ? 0 : files.number(cpu.resolve("cpuacct.usage")),
                memory == null ? 0 : CgroupUsage.withoutCache(files.number(memory.resolve("memory.usage_in_bytes")),
                        files.keyed(memory.resolve("memory.stat"), "total_inactive_file")),
                limit >= UNLIMITED_V1 ? -1 : limit, CgroupUsage.blkio(io, "Read"), CgroupUsage.blkio(io, "Write"),
                pids == null ? 0 : files.number(pids.resolve("pids.current")));
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

    /**
     * Each v1 hierarchy is joined by its {@code tasks} file; a process is born in the cgroup2
     * hierarchy's directory. A user-namespaced container's monitor, host root, moves it into the
     * v1 ones (its mapped root could not: that takes write access to the common ancestor's files).
     */
    @Override
    public Membership membership() {
        List<Path> join = new ArrayList<>();
        List<String> mounts = new ArrayList<>();
        dirs.forEach((name, dir) -> {
            if (!name.equals(Cgroups.UNIFIED)) {
                join.add(dir.resolve("tasks"));
            }
            // The shim finds a hierarchy by any one of its controllers, or its name.
            mounts.add(name.split(",")[0]);
        });
        return new Membership(join, Optional.ofNullable(dirs.get(Cgroups.UNIFIED)), "v1:" + String.join(",", mounts));
    }

    @Override
    public void createCloneTarget() throws LaunchException {
        Path unified = dirs.get(Cgroups.UNIFIED);
        if (unified != null) {
            files.mkdirs(unified);
        }
    }

    @Override
    public Optional<Path> oomEvents() {
        return Optional.ofNullable(dir("memory")).map(memory -> memory.resolve("memory.oom_control"));
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
    public void freeze(boolean frozen) throws LaunchException {
        Path state = freezerState();
        if (state == null) {
            throw new LaunchException("cgroup: " + (frozen ? "pause" : "unpause") + ": " + WHERE + " the freezer");
        }
        String wanted = frozen ? Freezing.FROZEN : Freezing.THAWED;
        // A cgroup can stay FREEZING while a task is in an uninterruptible sleep: asked again, as runc does.
        Freezing.await(() -> {
            files.write(state, wanted);
            return files.read(state).strip().equals(wanted);
        }, state.getParent());
    }

    @Override
    public boolean frozen() throws LaunchException {
        Path state = freezerState();
        return state != null && files.read(state).strip().equals(Freezing.FROZEN);
    }

    private Path freezerState() {
        Path freezer = dir("freezer");
        return freezer == null ? null : freezer.resolve("freezer.state");
    }

    @Override
    public void delete() throws LaunchException {
        for (Path dir : dirs()) {
            files.rmdir(dir);
            files.rmdirParentIfUnused(dir);
        }
    }
}
