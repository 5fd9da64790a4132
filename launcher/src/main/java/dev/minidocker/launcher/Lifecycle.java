package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.volume.VolumeService;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.launcher.plan.NetworkOptions;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.Locks;
import dev.minidocker.store.Store;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.container.ContainerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    /** How long a detached start waits for the entrypoint to run before it returns anyway. */
    private static final Duration EXEC_WAIT = Duration.ofSeconds(10);
    /** How long the exit command waits for the monitor that started it to end (it has written the exit already). */
    private static final Duration MONITOR_EXIT_WAIT = Duration.ofSeconds(5);
    /** What the shim's failures start with. */
    private static final String SHIM_PREFIX = "minidocker-shim: ";

    private final Starter starter;
    private final Store store;
    private final Syscalls syscalls;

    public Lifecycle(Starter starter, Store store, Syscalls syscalls) {
        this.starter = starter;
        this.store = store;
        this.syscalls = syscalls;
    }

    /**
     * {@code update}: the container's new limits, in its cgroup first when it runs (what the kernel
     * refuses, a memory limit below what is in use, changes nothing), then its spec and its record,
     * from which a later start makes its cgroup.
     */
    public ContainerRecord update(ContainerRecord record, Resources limits) throws LaunchException, StoreException {
        if (running(record)) {
            starter.cgroup(record.id()).update(limits);
        }
        starter.writeLimits(record.id(), limits);
        return store.containers().update(record.id(), r -> r.withHostConfig(r.hostConfig().withLimits(
                limits.memoryBytes(), limits.memorySwapBytes(), limits.nanoCpus(), limits.cpuShares(),
                limits.pidsLimit())));
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
            String[] fields = Files.readString(starter.dirs(record.id()).initPid()).trim().split(" ");
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
                    thawIfPaused(record);
                    return;
                } catch (LinuxException e) {
                    // Exited between the check and the signal: look again.
                }
            } else if (System.nanoTime() > deadline) {
                if (signal == Signals.KILL) {
                    thawIfPaused(record);
                    starter.cgroup(record.id()).killAll(Signals.KILL);
                    return;
                }
                throw new LaunchException("signal container " + record.shortId() + ": its process 1 is not known yet");
            }
            Thread.sleep(POLL);
        }
    }

    /**
     * A signal sent to a paused container waits until its processes are thawed (on cgroup v1 a
     * frozen process is not even killed): the container is resumed once signalled, as Docker's
     * daemon resumes it, so that stop, kill and rm -f end it.
     */
    private void thawIfPaused(ContainerRecord record) throws LaunchException {
        Cgroup cgroup = starter.cgroup(record.id());
        if (cgroup.frozen()) {
            cgroup.freeze(false);
        }
    }

    /** Docker's pause: every process of the running container frozen in its cgroup. */
    public void pause(ContainerRecord record) throws LaunchException {
        Cgroup cgroup = starter.cgroup(record.id());
        if (!running(record)) {
            throw new LaunchException("Container " + record.id() + " is not running");
        }
        if (cgroup.frozen()) {
            throw new LaunchException("Container " + record.id() + " is already paused");
        }
        cgroup.freeze(true);
    }

    /** Docker's unpause: the paused container's processes thawed. */
    public void unpause(ContainerRecord record) throws LaunchException {
        Cgroup cgroup = starter.cgroup(record.id());
        if (!running(record) || !cgroup.frozen()) {
            throw new LaunchException("Container " + record.id() + " is not paused");
        }
        cgroup.freeze(false);
    }

    /** Whether the container runs and is paused. */
    public boolean paused(ContainerRecord record) throws LaunchException {
        return running(record) && starter.cgroup(record.id()).frozen();
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
        Optional<Monitor.Exit> exit = Monitor.exit(starter.dirs(record.id()).exitFile());
        ContainerRecord finished = finish(record);
        return finished != null ? finished.state().exitCode() : exit.map(Monitor.Exit::status).orElse(255);
    }

    /**
     * Removes the container: killed first when it runs and {@code force} allows it. A start under
     * way ends first, so the container is found running, or not started, never half-started. With
     * {@code volumes} ({@code rm -v}), its anonymous volumes that no other container uses go too.
     */
    public void remove(ContainerRecord record, boolean force, boolean volumes)
            throws LaunchException, StoreException, InterruptedException {
        try (Locks.Held starting = starter.starting(record.id())) {
            ContainerRecord current = store.containers().get(record.id()).orElse(null);
            if (current == null) {
                return;
            }
            if (running(current)) {
                if (!force) {
                    throw new LaunchException("cannot remove container \"/" + current.name()
                            + "\": container is running: stop the container before removing or force remove");
                }
                signal(current, Signals.KILL);
                awaitMonitor(current, null);
            }
            finish(current);
            // Also what a failed release at its end left.
            starter.networking().detach(current.id());
            starter.cgroup(current.id()).delete();
            store.containers().delete(current.id());
            if (volumes) {
                new VolumeService(store, syscalls).removeAnonymous(current);
            }
        }
    }

    /**
     * {@code network connect}: the container joins {@code network}, at once when it runs, at each
     * start from now on (its record says so). Docker's refusals: not with the host's network, none, or
     * another container's; not twice; {@code --ip} and aliases on user networks only.
     */
    public void connect(ContainerRecord record, String network, String ip, List<String> aliases)
            throws LaunchException, StoreException {
        try (Locks.Held starting = starter.starting(record.id())) {
            ContainerRecord current = current(record);
            NetworkRecord joined = starter.networking().network(network);
            String mode = current.hostConfig().networkMode();
            if (NetworkOptions.isHost(mode) || !joined.bridged()) {
                throw new LaunchException("container cannot be disconnected from host network or connected to host network");
            }
            if (NetworkOptions.NONE.equals(mode)) {
                throw new LaunchException(
                        "container cannot be connected to multiple networks with one of the networks in private (none) mode");
            }
            if (NetworkOptions.joined(mode) != null) {
                throw new LaunchException("container sharing network namespace with another container or host cannot be"
                        + " connected to any other network");
            }
            ContainerRecord.Networking networking = networking(current);
            if (endpointOn(networking, joined) != null) {
                throw new LaunchException("endpoint with name " + current.name() + " already exists in network "
                        + joined.name());
            }
            NetworkRecord.admit(joined, ip, aliases);
            if (running(current)) {
                starter.networking().connect(current, joined, ip, aliases);
            }
            List<ContainerRecord.EndpointConfig> endpoints = new ArrayList<>(networking.networks());
            endpoints.add(new ContainerRecord.EndpointConfig(joined.name(), ip, aliases));
            save(current, networking.withNetworks(endpoints));
        }
    }

    /** {@code network disconnect}: the container leaves {@code network}, at once when it runs, and for good. */
    public void disconnect(ContainerRecord record, String network) throws LaunchException, StoreException {
        try (Locks.Held starting = starter.starting(record.id())) {
            ContainerRecord current = current(record);
            NetworkRecord left = starter.networking().network(network);
            ContainerRecord.Networking networking = networking(current);
            ContainerRecord.EndpointConfig endpoint = endpointOn(networking, left);
            if (endpoint == null) {
                throw new LaunchException("container " + current.id() + " is not connected to network " + network);
            }
            if (running(current)) {
                starter.networking().disconnect(current, left);
            }
            List<ContainerRecord.EndpointConfig> endpoints = new ArrayList<>(networking.networks());
            endpoints.remove(endpoint);
            save(current, networking.withNetworks(endpoints));
        }
    }

    private ContainerRecord current(ContainerRecord record) throws StoreException, LaunchException {
        return store.containers().get(record.id())
                .orElseThrow(() -> new LaunchException("No such container: " + record.id()));
    }

    private static ContainerRecord.Networking networking(ContainerRecord c) {
        ContainerRecord.Networking n = c.hostConfig().networking();
        return n != null ? n : new ContainerRecord.Networking(null, false, null, null, null, null, null, null);
    }

    /** The container's endpoint on {@code network} as its record names it (by name or id), or null. */
    private ContainerRecord.EndpointConfig endpointOn(ContainerRecord.Networking networking, NetworkRecord network) {
        for (ContainerRecord.EndpointConfig e : networking.networks()) {
            try {
                if (starter.networking().network(e.network()).id().equals(network.id())) {
                    return e;
                }
            } catch (LaunchException removed) {
                // A network removed since: not this one.
            }
        }
        return null;
    }

    private void save(ContainerRecord current, ContainerRecord.Networking networking) throws StoreException {
        store.containers().update(current.id(), r -> r.withHostConfig(r.hostConfig().withNetworking(networking)));
    }

    /**
     * {@code container cleanup}, the exit command a detached container's monitor runs once the
     * container has ended (see {@link ExitCommand}): once that monitor is gone, the container is
     * finished (its exit recorded, its cgroup removed, its networks left, and with {@code --rm} itself
     * removed) if no other command has done it, and what a failed release left is released.
     */
    public void cleanup(ContainerRecord record) throws LaunchException, StoreException, InterruptedException {
        awaitMonitor(record, MONITOR_EXIT_WAIT);
        if (!running(record)) {
            finish(record);
            starter.networking().detach(record.id());
        }
    }

    /**
     * Starts a created or exited container in the background: stdin from /dev/null, stdout and
     * stderr to its json-file log, kept by the monitor. Returns once its entrypoint runs (see {@link #confirm}).
     */
    public ContainerRecord startDetached(ContainerRecord record)
            throws LaunchException, StoreException, InterruptedException {
        if (running(record)) {
            return record;
        }
        return confirm(starter.start(record, Monitor.Attachment.background()));
    }

    /**
     * Returns once the container's process 1 has exec'd its entrypoint, as Docker's start returns
     * once runc has. A container that ended first is finished here; when it was the shim that failed
     * (status 125-127 and the shim's report, which the monitor keeps in its log), that line is this
     * command's error, with the container's status, as {@code docker run -d} reports a missing executable.
     */
    public ContainerRecord confirm(Starter.Started started)
            throws LaunchException, StoreException, InterruptedException {
        long deadline = System.nanoTime() + EXEC_WAIT.toNanos();
        while (started.monitor().isAlive()) {
            if (entrypointRuns(started.dirs()) || System.nanoTime() > deadline) {
                return started.record();
            }
            Thread.sleep(POLL);
        }
        // Read before finishing: a --rm container's directory goes with it.
        Optional<Monitor.Exit> exit = Monitor.exit(started.dirs().exitFile());
        Optional<String> why = Monitor.failure(started.dirs().monitorLog())
                .map(error -> error.startsWith(SHIM_PREFIX) ? error.substring(SHIM_PREFIX.length()) : error);
        ContainerRecord finished = starter.finish(started.record().id());
        int status = finished != null ? finished.state().exitCode() : exit.map(Monitor.Exit::status).orElse(255);
        // The shim's line, or else the monitor's own (it could not make the container), is the error.
        if ((exit.isEmpty() || (status >= 125 && status <= 127)) && why.isPresent()) {
            throw new LaunchException("failed to start container " + started.record().shortId() + ": " + why.get(),
                    exit.isEmpty() ? 125 : status);
        }
        return finished != null ? finished : started.record();
    }

    /** True once the process named in init.pid is no longer the shim (it has exec'd the entrypoint). */
    private static boolean entrypointRuns(ContainerDirs dirs) {
        try {
            return ProcStat.pastShim(Long.parseLong(Files.readString(dirs.initPid()).trim().split(" ")[0]));
        } catch (IOException | RuntimeException notYet) {
            return false;
        }
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
        return record.state().status() == ContainerStatus.RUNNING ? starter.finish(record.id()) : record;
    }
}
