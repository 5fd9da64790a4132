package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Signals each process of a cgroup, again for those forked meanwhile, within a bounded time; with
 * SIGKILL it also waits until the cgroup is empty.
 */
final class PidSweep {
    /** kill(2). */
    @FunctionalInterface
    interface Killer {
        void kill(long pid, int signal) throws LinuxException;
    }

    @FunctionalInterface
    interface Pids {
        List<Long> list() throws LaunchException;
    }

    private static final long TIMEOUT_NANOS = 2_000_000_000L;

    private PidSweep() {
    }

    static void signal(Pids pids, Killer killer, int signal, Object subject) throws LaunchException {
        Set<Long> sent = new HashSet<>();
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (true) {
            List<Long> running = pids.list();
            boolean fresh = false;
            for (long pid : running) {
                if (sent.add(pid)) {
                    fresh = true;
                    kill(killer, pid, signal, subject);
                }
            }
            if (running.isEmpty() || !fresh && signal != Cgroup.SIGKILL) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LaunchException("cgroup: kill the processes of `" + subject + "`: still running after 2s: "
                        + running);
            }
            CgroupFiles.pause();
        }
    }

    /** Waits until the cgroup is empty, within the same bound. */
    static void awaitEmpty(Pids pids, Object subject) throws LaunchException {
        signal(pids, (pid, signal) -> { }, Cgroup.SIGKILL, subject);
    }

    private static void kill(Killer killer, long pid, int signal, Object subject) throws LaunchException {
        try {
            killer.kill(pid, signal);
        } catch (LinuxException e) {
            if (!e.is(Errno.ESRCH)) {
                throw new LaunchException("cgroup: kill pid " + pid + " of `" + subject + "`: "
                        + Errno.describe(e.errno()), e);
            }
        }
    }
}
