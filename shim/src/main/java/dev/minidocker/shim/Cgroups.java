package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.Resources.DeviceRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 9: join the cgroups the launcher made, take a cgroup namespace rooted there, and mount the
 * container's view at /sys/fs/cgroup. The files to join by are opened before pivot_root (their
 * host paths vanish with it). A v1 hierarchy's {@code tasks} file is written by the thread that
 * will exec: it alone moves, which takes no RCU grace period, and the JVM's memory stays charged
 * where its first thread is, so a container run with {@code -m 16m} is charged only what its
 * entrypoint uses. A {@code cgroup.procs} file (v2, and the cgroup2 hierarchy of a hybrid host)
 * moves the whole process, and its first write waits for an RCU grace period, longer than any other step: it is
 * written on a thread of its own while the mounts go on, once the plan is read. On v2 the device
 * rules are a BPF program attached to the cgroup (see {@link DeviceFilter}); on v1 the launcher
 * wrote them to the devices controller's files.
 */
final class Cgroups {
    private static final Path MOUNT_POINT = Path.of("/sys/fs/cgroup");
    private static final long FLAGS = Syscalls.MS_NOSUID | Syscalls.MS_NODEV | Syscalls.MS_NOEXEC;
    /** The token of a hybrid host's cgroup2 hierarchy in a v1 mount list, mounted where systemd mounts it. */
    static final String UNIFIED = "unified";

    /**
     * One v1 hierarchy to mount: its directory, the filesystem type ("cgroup", or "cgroup2" for a
     * hybrid host's unified hierarchy), the mount data naming it, and links for co-mounted controllers.
     */
    record Hierarchy(String directory, String type, String data, List<String> links) {
    }

    private final Syscalls sys;
    private final Narrator say;
    private final Map<Path, Integer> procs = new LinkedHashMap<>();
    private final String mounts;
    private final List<Hierarchy> hierarchies;
    private DeviceFilter deviceFilter;
    private Thread joining;
    private volatile SetupException joinFailure;

    private Cgroups(Syscalls sys, Narrator say, String mounts, List<Hierarchy> hierarchies) {
        this.sys = sys;
        this.say = say;
        this.mounts = mounts;
        this.hierarchies = hierarchies;
    }

    /**
     * Opens the {@code procsList} files (':'-separated; null for none) and plans the mounts named by
     * {@code mounts} ({@code v2}, {@code v1:<controller>,...} or null) from this process's
     * /proc/self/cgroup text. On v2, {@code deviceRules} become the cgroup's device filter.
     */
    static Cgroups open(Syscalls sys, String procsList, String mounts, String selfCgroup,
            List<DeviceRule> deviceRules, Narrator say) throws SetupException {
        List<Hierarchy> hierarchies = mounts != null && mounts.startsWith("v1:")
                ? v1Hierarchies(mounts.substring(3), selfCgroup) : List.of();
        if (mounts != null && !mounts.equals("v2") && !mounts.startsWith("v1:")) {
            throw new SetupException("mount cgroups", mounts, "not v2 or v1:<controller>,...");
        }
        Cgroups cgroups = new Cgroups(sys, say, mounts, hierarchies);
        if (procsList != null && !procsList.isEmpty()) {
            for (String file : procsList.split(":")) {
                Path path = Path.of(file);
                cgroups.procs.put(path, attempt("open cgroup", path, () -> sys.open(path, Syscalls.O_WRONLY)));
            }
        }
        cgroups.deviceFilter = deviceFilter(sys, procsList, mounts, deviceRules);
        return cgroups;
    }

    /** The device filter of a v2 cgroup (one {@code procsList} file), or null: on v1 the launcher wrote the rules. */
    static DeviceFilter deviceFilter(Syscalls sys, String procsList, String mounts, List<DeviceRule> deviceRules)
            throws SetupException {
        if (!"v2".equals(mounts) || deviceRules.isEmpty() || procsList == null || procsList.isEmpty()
                || procsList.contains(":")) {
            return null;
        }
        return DeviceFilter.open(sys, Path.of(procsList).getParent(), deviceRules);
    }

    /**
     * Starts moving this process (all its threads) into the cgroups joined by {@code cgroup.procs},
     * on a thread of its own; {@link #join} waits for it, and moves the thread that execs by the
     * {@code tasks} files.
     */
    void startJoining() {
        List<Path> byProcess = files(false);
        if (byProcess.isEmpty()) {
            return;
        }
        say.say("join cgroups " + directories(byProcess)
                + " (on a thread of the shim's own, while the next steps go on)");
        joining = Thread.ofPlatform().name("join-cgroups").start(() -> {
            try {
                write(byProcess);
            } catch (SetupException e) {
                joinFailure = e;
            }
        });
    }

    /** The files opened that move the writing thread alone ({@code tasks}), or the others. */
    private List<Path> files(boolean byThread) {
        return procs.keySet().stream().filter(p -> p.getFileName().toString().equals("tasks") == byThread).toList();
    }

    /** The cgroups' directories, for --explain. */
    private static String directories(List<Path> files) {
        return String.join(" ", files.stream().map(p -> p.getParent().toString()).toList());
    }

    /** Writes "0" to each file, which moves the writing thread (tasks) or its process (cgroup.procs). */
    private void write(List<Path> files) throws SetupException {
        for (Path file : files) {
            int fd = procs.get(file);
            attempt("join cgroup", file, () -> sys.write(fd, "0".getBytes(StandardCharsets.US_ASCII), file));
            attempt("close", file, () -> sys.close(fd));
        }
    }

    /**
     * Attaches the device filter, then waits until this process is in every cgroup; a failure to
     * join is this step's. The calling thread (the one that execs) joins by the {@code tasks} files now.
     */
    void join() throws SetupException {
        if (deviceFilter != null) {
            deviceFilter.attach(say);
        }
        List<Path> byThread = files(true);
        if (!byThread.isEmpty()) {
            say.say("join cgroups " + directories(byThread) + " (this thread only, the one that execs: no RCU grace"
                    + " period to wait for)");
            write(byThread);
        }
        if (joining == null) {
            return;
        }
        try {
            joining.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("join cgroups", "", "interrupted");
        }
        if (joinFailure != null) {
            throw joinFailure;
        }
    }

    /** A new cgroup namespace: the cgroups just joined become the container's "/". */
    void unshareNamespace() throws SetupException {
        say.say("unshare the cgroup namespace, so the container's cgroup is its /");
        attempt("unshare cgroup namespace", "CLONE_NEWCGROUP", () -> sys.unshare(Syscalls.CLONE_NEWCGROUP));
    }

    /**
     * Mounts the cgroup filesystem at /sys/fs/cgroup of the new root: read-only, but for a
     * privileged container, whose cgroups are its own to write, as runc mounts them.
     */
    void mount(boolean readOnly) throws SetupException {
        if (mounts == null) {
            return;
        }
        long flags = FLAGS | (readOnly ? Syscalls.MS_RDONLY : 0);
        String mode = readOnly ? "read-only" : "writable";
        if (mounts.equals("v2")) {
            say.say("mount cgroup2 on /sys/fs/cgroup (" + mode + ")");
            mount("cgroup2", MOUNT_POINT, "cgroup2", flags, null);
            return;
        }
        say.say("mount tmpfs on /sys/fs/cgroup with one " + mode + " cgroup mount per hierarchy: "
                + String.join(" ", hierarchies.stream().map(Hierarchy::directory).toList()));
        mount("tmpfs", MOUNT_POINT, "tmpfs", FLAGS, "mode=755");
        for (Hierarchy h : hierarchies) {
            Path dir = MOUNT_POINT.resolve(h.directory());
            attempt("mkdir", dir, () -> sys.mkdir(dir, 0755));
            mount(h.type(), dir, h.type(), flags, h.data());
            for (String link : h.links()) {
                Path path = MOUNT_POINT.resolve(link);
                attempt("symlink", path, () -> sys.symlink(h.directory(), path));
            }
        }
        if (readOnly) {
            mount("tmpfs", MOUNT_POINT, "tmpfs", Syscalls.MS_REMOUNT | FLAGS | Syscalls.MS_RDONLY, "mode=755");
        }
    }

    private void mount(String source, Path target, String type, long flags, String data) throws SetupException {
        attempt("mount " + type, target, () -> sys.mount(source, target, type, flags, data));
    }

    /**
     * The hierarchies holding {@code controllers} (comma-separated), as /proc/self/cgroup groups them:
     * where cpu and cpuacct share one, it is mounted once as {@code cpu,cpuacct} with a link per name.
     * {@link #UNIFIED} is the hybrid host's cgroup2 hierarchy.
     */
    static List<Hierarchy> v1Hierarchies(String controllers, String selfCgroup) {
        Map<String, Hierarchy> byGroup = new LinkedHashMap<>();
        for (String controller : controllers.split(",")) {
            if (controller.isEmpty()) {
                continue;
            }
            if (controller.equals(UNIFIED)) {
                byGroup.put("", new Hierarchy(UNIFIED, "cgroup2", null, List.of()));
                continue;
            }
            String group = hierarchyOf(controller, selfCgroup);
            if (byGroup.containsKey(group)) {
                continue;
            }
            String directory = group.replace("name=", "");
            List<String> links = new ArrayList<>();
            boolean onlyNames = true;
            for (String member : group.split(",")) {
                onlyNames &= member.startsWith("name=");
                String name = member.replace("name=", "");
                if (group.contains(",") && !name.equals(directory)) {
                    links.add(name);
                }
            }
            byGroup.put(group, new Hierarchy(directory, "cgroup", onlyNames ? "none," + group : group,
                    List.copyOf(links)));
        }
        return List.copyOf(byGroup.values());
    }

    private static String hierarchyOf(String controller, String selfCgroup) {
        for (String line : selfCgroup.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && !f[1].isEmpty()) {
                for (String member : f[1].split(",")) {
                    if (member.equals(controller) || member.equals("name=" + controller)) {
                        return f[1];
                    }
                }
            }
        }
        return controller;
    }
}
