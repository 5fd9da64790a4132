package dev.minidocker.launcher;

import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.container.ContainerStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code kill}, {@code stop}, {@code wait}, {@code rm} and {@code start} do to a container
 * that already exists. Its process 1 is named by pid and start time together (the state's, or the
 * shim's {@code init.pid}), never by pid alone; it is running while its monitor is.
 */
public final class Lifecycle {
    private static final Duration POLL = Duration.ofMillis(20);
    /** How long a container whose monitor runs may take to name its process 1 (the shim's JVM starting). */
    private static final Duration INIT_PID_WAIT = Duration.ofSeconds(5);

    private final Launcher launcher;
    private final Store store;
    private final Syscalls syscalls;

    public Lifecycle(Launcher launcher, Store store, Syscalls syscalls) {
        this.launcher = launcher;
        this.store = store;
        this.syscalls = syscalls;
    }

    /** True while the container's monitor runs. */
    public static boolean running(ContainerRecord record) {
        ContainerState s = record.state();
        return s.status() == ContainerStatus.RUNNING && ProcStat.alive(s.monitorPid(), s.monitorStart());
    }

    /** The host pid of the container's process 1, when it runs. */
    public OptionalLong init(ContainerRecord record) {
        ContainerState s = record.state();
        if (!running(record)) {
            return OptionalLong.empty();
        }
        if (ProcStat.alive(s.pid(), s.pidStart())) {
            return OptionalLong.of(s.pid());
        }
        try {
            String[] fields = Files.readString(launcher.dirs(record.id()).initPid()).trim().split(" ");
            long pid = Long.parseLong(fields[0]);
            return ProcStat.alive(pid, Long.parseLong(fields[1])) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | RuntimeException notYet) {
            return OptionalLong.empty();
        }
    }

    /**
     * Sends {@code signal} to the container's process 1, waiting briefly for a shim that has not
     * named it yet. A SIGKILL that finds no process 1 empties the cgroup instead.
     */
    public void signal(ContainerRecord record, int signal) throws LaunchException, InterruptedException {
        long deadline = System.nanoTime() + INIT_PID_WAIT.toNanos();
        while (running(record)) {
            OptionalLong pid = init(record);
            if (pid.isPresent()) {
                try {
                    syscalls.kill(pid.getAsLong(), signal);
                    return;
                } catch (LinuxException e) {
                    // Exited between the check and the signal: look again.
                }
            } else if (System.nanoTime() > deadline) {
                if (signal == Signals.KILL) {
                    launcher.cgroup(record.id()).killAll(Signals.KILL);
                    return;
                }
                throw new LaunchException("signal container " + record.shortId() + ": its process 1 is not known yet");
            }
            Thread.sleep(POLL);
        }
    }

    /**
     * Docker's stop: the image's StopSignal (SIGTERM by default), SIGKILL after {@code timeout},
     * then the exit recorded. A container that does not run is left as it is.
     */
    public ContainerRecord stop(ContainerRecord record, Duration timeout)
            throws LaunchException, StoreException, InterruptedException {
        if (running(record)) {
            String stopSignal = record.config() == null ? null : record.config().stopSignal();
            signal(record, stopSignal == null || stopSignal.isBlank() ? Signals.TERM : Signals.parse(stopSignal));
            if (!awaitMonitor(record, timeout)) {
                signal(record, Signals.KILL);
                awaitMonitor(record, null);
            }
        }
        return finish(record);
    }

    /** Blocks until the container's monitor is gone, records the exit, and returns its status. */
    public int await(ContainerRecord record) throws LaunchException, StoreException, InterruptedException {
        if (record.state().status() != ContainerStatus.RUNNING) {
            return record.state().exitCode();
        }
        awaitMonitor(record, null);
        // Read before finishing: a --rm container's record goes with it.
        OptionalInt status = Monitor.exitStatus(launcher.dirs(record.id()).exitFile());
        ContainerRecord finished = finish(record);
        return finished != null ? finished.state().exitCode() : status.orElse(255);
    }

    /** Removes the container: killed first when it runs and {@code force} allows it. */
    public void remove(ContainerRecord record, boolean force)
            throws LaunchException, StoreException, InterruptedException {
        if (running(record)) {
            if (!force) {
                throw new LaunchException("cannot remove container \"/" + record.name()
                        + "\": container is running: stop the container before removing or force remove");
            }
            signal(record, Signals.KILL);
            awaitMonitor(record, null);
        }
        finish(record);
        launcher.cgroup(record.id()).delete();
        store.containers().delete(record.id());
    }

    /**
     * Starts a created or exited container in the background: stdin from /dev/null, stdout and
     * stderr appended to {@code output.log}. (Docker's json-file logs come with the log design.)
     */
    public ContainerRecord startDetached(ContainerRecord record) throws LaunchException, StoreException {
        if (running(record)) {
            return record;
        }
        File log = launcher.dirs(record.id()).dir().resolve("output.log").toFile();
        ProcessBuilder stdio = new ProcessBuilder()
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectError(ProcessBuilder.Redirect.appendTo(log));
        return launcher.start(record, stdio, null).record();
    }

    /** Waits for the monitor to end, at most {@code timeout} (null: as long as it takes); true when it has. */
    private static boolean awaitMonitor(ContainerRecord record, Duration timeout) throws InterruptedException {
        ContainerState s = record.state();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (ProcStat.alive(s.monitorPid(), s.monitorStart())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }

    private ContainerRecord finish(ContainerRecord record) throws LaunchException, StoreException {
        return record.state().status() == ContainerStatus.RUNNING ? launcher.finish(record.id()) : record;
    }
}
