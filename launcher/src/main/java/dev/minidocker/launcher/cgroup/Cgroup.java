package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Resources.DeviceRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One container's cgroup: on cgroup v1 a directory in each hierarchy used, on v2 one directory. */
public sealed interface Cgroup permits CgroupV1, CgroupV2 {
    int SIGKILL = 9;

    /**
     * Makes the directories and writes the limits and, on v1, the device rules, each write told to
     * the explain listener. On v2 the device rules are the shim's to enforce, by a BPF program it
     * attaches as it joins: it has a syscall handle linked already, the launcher none.
     */
    void create(Resources resources, List<DeviceRule> devices) throws LaunchException;

    /**
     * Makes the directory of {@link Membership#cloneInto}, if there is one, and nothing else: a
     * monitor clones its child into it before {@link #create} writes the limits (the monitor of a
     * run starts before its options are even parsed).
     */
    void createCloneTarget() throws LaunchException;

    /**
     * Writes {@code resources}, a running container's new limits ({@code update}): memory (with
     * memory+swap in the order the kernel accepts), CPU quota and shares, pids; a quota or pids
     * limit of none is written as none.
     */
    void update(Resources resources) throws LaunchException;

    /**
     * How a container's process joins it and sees it.
     *
     * @param joinFiles the files a process writes "0" to in order to join: on v1 the {@code tasks}
     *     file of each hierarchy, which moves the writing thread alone (the shim's thread that execs,
     *     or a single-threaded process) and so, unlike {@code cgroup.procs}, waits for no RCU grace
     *     period; {@code cgroup.procs} on v2, which moves the whole process
     * @param cloneInto the cgroup2 directory a process of the container is born in rather than
     *     joins ({@code clone3} with {@code CLONE_INTO_CGROUP}: no migration, so no grace period to
     *     wait for): a hybrid host's cgroup2 hierarchy, where minidocker enables no controller, so
     *     the shim's JVM born there is charged nothing. Not the cgroup of a v2 host, which holds the
     *     memory controller: a shim JVM born there would be charged its tens of MB to a container
     *     that may have a limit of less (memory is charged where it is allocated): the shim joins
     *     that one once its JVM has booted
     * @param mountSpec how the shim mounts the container's view: "v2", or "v1:" and one controller
     *     or name per hierarchy ("v1:blkio,cpu,devices,memory,pids,systemd,unified")
     */
    record Membership(List<Path> joinFiles, Optional<Path> cloneInto, String mountSpec) {
        /** Every directory of the container's cgroup that a process of it is in. */
        public List<Path> directories() {
            List<Path> dirs = new ArrayList<>(joinFiles.stream().map(Path::getParent).toList());
            cloneInto.ifPresent(dirs::add);
            return dirs;
        }
    }

    /** How a process of the container joins it. */
    Membership membership();

    /**
     * The file whose {@code oom_kill} line counts the OOM killer's kills in it (v1
     * {@code memory.oom_control}, v2 {@code memory.events}); the monitor reads it when the container ends.
     */
    Optional<Path> oomEvents();

    /** True once the kernel's OOM killer has killed a process in it. */
    boolean oomKilled() throws LaunchException;

    /** What its processes have used so far; zeros for what a controller it lacks would count. */
    CgroupUsage usage() throws LaunchException;

    /** The processes still in it. */
    List<Long> pids() throws LaunchException;

    /** Sends {@code signal} to every process in it; with SIGKILL, returns once it is empty. */
    void killAll(int signal) throws LaunchException;

    /**
     * Freezes every process in it ({@code docker pause}) or thaws them ({@code unpause}), and returns
     * once the kernel says it is done: the v2 {@code cgroup.freeze} and its {@code frozen} event, or
     * the v1 freezer's {@code freezer.state}.
     */
    void freeze(boolean frozen) throws LaunchException;

    /** Whether it is frozen (a paused container). */
    boolean frozen() throws LaunchException;

    /** Removes its directories; what is absent already is fine. */
    void delete() throws LaunchException;
}
