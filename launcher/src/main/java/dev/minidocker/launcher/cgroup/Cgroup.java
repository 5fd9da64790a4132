package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One container's cgroup: on cgroup v1 a directory in each hierarchy used, on v2 one directory. */
public sealed interface Cgroup permits CgroupV1, CgroupV2 {
    int SIGKILL = 9;

    /** Makes the directories and writes the limits, each write told to the explain listener. */
    void create(Resources resources) throws LaunchException;

    /**
     * The files a process writes "0" to in order to join: on v1 the {@code tasks} file of each
     * hierarchy, which moves the writing thread alone (the shim's thread that execs, or a
     * single-threaded process) and so, unlike {@code cgroup.procs}, waits for no RCU grace period
     * (10-30 ms); on v2 the one {@code cgroup.procs}, which moves the whole process.
     */
    List<Path> joinFiles();

    /** How the shim mounts the container's view: "v2", or "v1:" and the hierarchies used ("v1:memory,cpu,cpuacct,pids"). */
    String mountSpec();

    /**
     * The file whose {@code oom_kill} line counts the OOM killer's kills in it (v1
     * {@code memory.oom_control}, v2 {@code memory.events}); the monitor reads it when the container ends.
     */
    Optional<Path> oomEvents();

    /** True once the kernel's OOM killer has killed a process in it. */
    boolean oomKilled() throws LaunchException;

    /** The processes still in it. */
    List<Long> pids() throws LaunchException;

    /** Sends {@code signal} to every process in it; with SIGKILL, returns once it is empty. */
    void killAll(int signal) throws LaunchException;

    /** Removes its directories; what is absent already is fine. */
    void delete() throws LaunchException;
}
