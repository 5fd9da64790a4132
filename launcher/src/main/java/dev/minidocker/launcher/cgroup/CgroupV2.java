package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Resources.DeviceRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A container's cgroup on the unified hierarchy: {@code <root>/minidocker/<id>}. */
public final class CgroupV2 implements Cgroup {
    private static final List<String> CONTROLLERS = List.of("memory", "cpu", "pids");

    private final Path root;
    private final Path dir;
    private final CgroupFiles files;
    private final PidSweep.Killer killer;

    CgroupV2(Path root, String containerId, CgroupFiles files, PidSweep.Killer killer) {
        this.root = root;
        this.dir = root.resolve(Cgroups.PARENT).resolve(containerId);
        this.files = files;
        this.killer = killer;
    }

    /** The container's cgroup directory. */
    public Path dir() {
        return dir;
    }

    @Override
    public void create(Resources r, List<DeviceRule> devices) throws LaunchException {
        // The device rules are the shim's to attach, as a BPF program (see Cgroup#create).
        Set<String> offered = files.words(root.resolve("cgroup.controllers"));
        r.requireControllers(offered, "this host's cgroup v2 root does not offer");
        List<String> used = CONTROLLERS.stream().filter(offered::contains).toList();
        enable(root, used);
        files.mkdirs(dir.getParent());
        enable(dir.getParent(), used);
        files.mkdirs(dir);
        writeLimits(r, used);
    }

    /** Adds the controllers that {@code cgroup}'s subtree_control lacks, in one write. */
    private void enable(Path cgroup, List<String> controllers) throws LaunchException {
        Path control = cgroup.resolve("cgroup.subtree_control");
        Set<String> enabled = files.words(control);
        List<String> missing = new ArrayList<>();
        for (String c : controllers) {
            if (!enabled.contains(c)) {
                missing.add("+" + c);
            }
        }
        if (!missing.isEmpty()) {
            files.write(control, String.join(" ", missing));
        }
    }

    private void writeLimits(Resources r, List<String> used) throws LaunchException {
        if (r.memoryBytes() > 0) {
            files.write(dir.resolve("memory.max"), r.memoryBytes());
            writeSwap(r);
        }
        if (r.nanoCpus() > 0) {
            files.write(dir.resolve("cpu.max"), r.cpuQuotaMicros() + " " + Resources.CPU_PERIOD_MICROS);
        }
        if (r.cpuShares() > 0) {
            files.write(dir.resolve("cpu.weight"), r.cpuWeight());
        }
        if (r.pidsMax() != null && used.contains("pids")) {
            files.write(dir.resolve("pids.max"), r.pidsMax());
        }
    }

    /** memory.swap.max holds the swap alone: Docker's memory+swap total minus the memory. */
    private void writeSwap(Resources r) throws LaunchException {
        Path swapMax = dir.resolve("memory.swap.max");
        r.requireSwapAccounting(swapMax);
        if (Files.exists(swapMax)) {
            long total = r.memoryAndSwap();
            files.write(swapMax, total == -1 ? "max" : Long.toString(total - r.memoryBytes()));
        }
    }

    @Override
    public void update(Resources r) throws LaunchException {
        if (r.memoryBytes() > 0) {
            files.write(dir.resolve("memory.max"), r.memoryBytes());
            writeSwap(r);
        }
        files.write(dir.resolve("cpu.max"), (r.nanoCpus() > 0 ? Long.toString(r.cpuQuotaMicros()) : "max") + " "
                + Resources.CPU_PERIOD_MICROS);
        if (r.cpuShares() > 0) {
            files.write(dir.resolve("cpu.weight"), r.cpuWeight());
        }
        if (r.pidsLimit() != 0 && Files.exists(dir.resolve("pids.max"))) {
            files.write(dir.resolve("pids.max"), r.pidsMax());
        }
    }

    @Override
    public CgroupUsage usage() throws LaunchException {
        String io = files.read(dir.resolve("io.stat"));
        return new CgroupUsage(files.keyed(dir.resolve("cpu.stat"), "usage_usec") * 1000,
                CgroupUsage.withoutCache(files.number(dir.resolve("memory.current")),
                        files.keyed(dir.resolve("memory.stat"), "inactive_file")),
                files.number(dir.resolve("memory.max")), CgroupUsage.ioStat(io, "rbytes"), CgroupUsage.ioStat(io, "wbytes"),
                files.number(dir.resolve("pids.current")));
    }

    @Override
    public Membership membership() {
        return new Membership(List.of(dir.resolve("cgroup.procs")), Optional.empty(), "v2");
    }

    @Override
    public void createCloneTarget() {
        // Nothing is born in it (see Membership#cloneInto): it is made with the limits.
    }

    @Override
    public Optional<Path> oomEvents() {
        return Optional.of(dir.resolve("memory.events"));
    }

    @Override
    public boolean oomKilled() throws LaunchException {
        return files.keyed(oomEvents().get(), "oom_kill") > 0;
    }

    @Override
    public List<Long> pids() throws LaunchException {
        return files.pids(dir.resolve("cgroup.procs"));
    }

    @Override
    public void killAll(int signal) throws LaunchException {
        Path kill = dir.resolve("cgroup.kill");
        if (signal == SIGKILL && Files.exists(kill)) {
            files.write(kill, "1");
            PidSweep.awaitEmpty(this::pids, dir);
        } else {
            PidSweep.signal(this::pids, killer, signal, dir);
        }
    }

    @Override
    public void freeze(boolean frozen) throws LaunchException {
        files.write(dir.resolve("cgroup.freeze"), frozen ? "1" : "0");
        Freezing.await(() -> frozen() == frozen, dir);
    }

    @Override
    public boolean frozen() throws LaunchException {
        return files.keyed(dir.resolve("cgroup.events"), "frozen") == 1;
    }

    @Override
    public void delete() throws LaunchException {
        files.rmdir(dir);
    }
}
