package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.cgroup.CgroupV2;
import dev.minidocker.launcher.cgroup.Cgroups;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.launcher.plan.ContainerPlan;
import dev.minidocker.launcher.plan.Names;
import dev.minidocker.launcher.plan.Planner;
import dev.minidocker.launcher.plan.RunOptions;
import dev.minidocker.launcher.plan.Source;
import dev.minidocker.launcher.plan.SpecBuilder;
import dev.minidocker.launcher.seccomp.SeccompOption;
import dev.minidocker.launcher.seccomp.SeccompPlan;
import dev.minidocker.launcher.userns.MappedRoot;
import dev.minidocker.launcher.userns.UserNamespace;
import dev.minidocker.launcher.volume.VolumeService;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.AtomicFiles;
import dev.minidocker.store.Locks;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStatus;
import dev.minidocker.store.container.NameConflictException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Carries out the plans the {@link Planner} makes: writes a container's plan (its record, its
 * directories, config.json last), makes its cgroup with the limits, starts its monitor, which
 * starts the shim in new namespaces, and finishes the container once the monitor has ended. The
 * cgroup object is made once per container and passed along; every step is told to the
 * {@link Narrator} for {@code --explain}.
 */
public final class Starter {
    private static final int NAME_DRAWS = 20;
    private final Store store;
    /** How long a monitor whose container could not join its networks is given to end, if it is ending. */
    private static final Duration MONITOR_END = Duration.ofSeconds(3);
    private final Path cgroupRoot;
    private final Narrator narrator;
    private final ShimCommand shim;
    private final Planner planner;
    private final SeccompPlan seccomp;
    private final MonitorStart monitors;
    private final VolumeService volumes;
    private final ContainerNetworking networking;

    public Starter(Store store, Path cgroupRoot, ShimCommand shim, Narrator narrator) {
        this.store = store;
        this.cgroupRoot = cgroupRoot;
        this.narrator = narrator;
        this.shim = shim;
        this.seccomp = SeccompPlan.beside(store.root(), shim.lib());
        this.planner = new Planner(store, seccomp);
        this.volumes = new VolumeService(store, Syscalls.system());
        this.monitors = new MonitorStart(shim, narrator, store.root());
        this.networking = new ContainerNetworking(store, narrator);
    }

    /** The containers' networks, as their starts and ends change them. */
    public ContainerNetworking networking() {
        return networking;
    }

    /** Where a container's root filesystem comes from, worked out once the container's lock is held (it may pull). */
    @FunctionalInterface
    public interface SourceProvider {
        Source get() throws LaunchException, StoreException;
    }

    /** A started container and what minidocker holds of it. */
    public record Started(ContainerRecord record, Monitor monitor, ContainerDirs dirs) {
    }

    /** Creates the container, as {@code create} does: its record, directories and spec; nothing runs yet. */
    public ContainerRecord create(SourceProvider source, RunOptions options) throws LaunchException, StoreException {
        String id = Names.newId();
        try (Locks.Held gc = store.creatingContainer()) {
            return write(id, source.get(), options, cgroup(id), null, null).record();
        }
    }

    /**
     * Creates and starts a container in one go, the quick way: the monitor, and with it the shim's
     * JVM, starts first, and boots while this JVM finds the image and plans the container; the shim
     * waits for {@code config.json}, which is written last, once the cgroup it joins exists. The
     * monitor of an {@code early} start, if given, is adopted when it is the very monitor these
     * options ask for (the same command line and stdio), abandoned otherwise.
     */
    public Started run(SourceProvider source, RunOptions options, Monitor.Attachment attachment, EarlyStart early)
            throws LaunchException, StoreException {
        Monitor.Network network;
        try {
            network = networking.monitorNetwork(options.network());
        } catch (LaunchException e) {
            if (early != null) {
                early.abandon();
            }
            throw e;
        }
        LogLimits log = LogLimits.of(options.logConfig());
        if (early != null && !options.userns().isPrivate() && early.fits(monitors.command(early.dirs(), early.cgroup(),
                network, log, attachment, options.tty(), null), attachment.stdio())) {
            monitors.adopted(early, network);
            // This starter's view of the same cgroup, so that its writes are narrated as the rest of the run.
            return startPlanned(source, options, attachment, early.dirs(), cgroup(early.dirs().id()), early.adopt());
        }
        if (early != null) {
            early.abandon();
        }
        ContainerDirs dirs = dirs(Names.newId());
        Cgroup cgroup = cgroup(dirs.id());
        if (options.userns().isPrivate()) {
            // The monitor mounts the root filesystem from the image's layers: the plan comes first.
            ContainerRecord record;
            try (Locks.Held gc = store.creatingContainer()) {
                record = write(dirs.id(), source.get(), options, cgroup, null, null).record();
            }
            try {
                return start(record, cgroup, attachment);
            } catch (LaunchException | StoreException | RuntimeException e) {
                deleteContainer(dirs.id());
                throw e;
            }
        }
        MonitorStart.recordLauncher(dirs);
        return startPlanned(source, options, attachment, dirs, cgroup,
                monitors.start(dirs, cgroup, network, log, attachment, options.tty(), null));
    }

    /**
     * Starts the monitor of a foreground run whose options are not known yet (picocli is still
     * reading them), on the guess that they ask for the usual one: attached without a terminal or
     * stdin, the json-file log with its default limits, a network namespace of its own (on a bridge
     * network or none: the same monitor), no user namespace. {@link #run} adopts it or abandons it.
     */
    public EarlyStart startEarly() throws LaunchException, StoreException {
        ContainerDirs dirs = dirs(Names.newId());
        Cgroup cgroup = cgroup(dirs.id());
        Monitor.Attachment attachment = Monitor.Attachment.attached(ForegroundRun.stdio(false, false), null);
        MonitorStart.recordLauncher(dirs);
        List<String> command = monitors.command(dirs, cgroup, Monitor.Network.OWN, LogLimits.of(null), attachment,
                false, null);
        try {
            return new EarlyStart(this, dirs, cgroup, MonitorStart.launch(attachment.stdio().command(command), cgroup),
                    command, attachment.stdio());
        } catch (LaunchException e) {
            store.containers().delete(dirs.id());
            throw e;
        }
    }

    /**
     * With the monitor (and the shim's JVM) booting: the plan is made and written, the cgroup made
     * and the networks joined before config.json, then the record says running. Whoever removes or
     * starts the container meanwhile waits for it.
     */
    private Started startPlanned(SourceProvider source, RunOptions options, Monitor.Attachment attachment,
            ContainerDirs dirs, Cgroup cgroup, Monitor monitor) throws LaunchException, StoreException {
        try (Locks.Held gc = store.creatingContainer(); Locks.Held starting = starting(dirs.id())) {
            ContainerPlan plan = write(dirs.id(), source.get(), options, cgroup, attachment, monitor);
            Started started = running(plan.record(), monitor, dirs);
            if (attachment.detached()) {
                // Nobody waits for it: its monitor's exit command, or the next command that sees it gone, finishes it.
                Files.deleteIfExists(dirs.launcherPid());
            }
            return started;
        } catch (IOException e) {
            abandon(dirs, cgroup, monitor);
            throw new LaunchException("start container " + dirs.id().substring(0, 12) + ": " + LaunchException.detail(e),
                    e);
        } catch (LaunchException | StoreException | RuntimeException e) {
            abandon(dirs, cgroup, monitor);
            throw e;
        }
    }

    /**
     * Plans the container and writes the plan: the record (a drawn name that another container took
     * is drawn again, as Docker does; a chosen one is refused), the directories, and config.json
     * last and whole, since a shim may be waiting for it. When {@code starting} (the container is
     * about to run), the bind sources and the cgroup are made first and the console is named in the
     * spec; with its {@code monitor} running, the container joins its networks meanwhile, once its
     * record is there. The caller holds the store's {@link Store#creatingContainer} lock.
     */
    private ContainerPlan write(String id, Source source, RunOptions options, Cgroup cgroup,
            Monitor.Attachment starting, Monitor monitor) throws LaunchException, StoreException {
        // Picking a free id range and recording it are one step: no two containers get the same.
        try (Locks.Held ids = options.userns().isPrivate() ? store.locks().exclusive("userns") : null) {
            ContainerPlan plan = saveRecord(planner.plan(id, source, options, cgroup), options.name() == null);
            UserNamespace userns = SpecBuilder.userNamespace(plan.spec());
            ContainerDirs dirs = plan.dirs();
            List<String> madeVolumes = List.of();
            Joining joining = monitor != null && plan.network().bridged()
                    ? Joining.start(() -> networking.attach(plan.record(), dirs, monitor)) : Joining.NONE;
            try {
                Files.createDirectories(dirs.upper());
                Files.createDirectories(dirs.work());
                Files.createDirectories(dirs.rootfs());
                Files.writeString(dirs.hostname(), plan.hostname());
                if (plan.network().hosts() != null) {
                    Files.writeString(dirs.hosts(), plan.network().hosts());
                }
                if (plan.network().resolvConf() != null) {
                    Files.writeString(dirs.resolvConf(), plan.network().resolvConf());
                }
                if (userns != null) {
                    MappedRoot.prepare(userns, store.root(), List.of(dirs.dir(), dirs.upper(), dirs.work()));
                }
                if (!plan.mounts().volumes().isEmpty()) {
                    narrator.say("make the container's volumes that are missing, each new or empty one seeded with the"
                            + " image's files at its mount point (as docker run -v NAME:/path does)");
                }
                madeVolumes = volumes.prepare(plan, userns);
                RuntimeSpec spec = seccomp.confine(plan.spec(), options.effectiveSeccomp(), true);
                if (starting != null) {
                    BindSources.create(options.binds(), userns, narrator);
                    cgroup.create(plan.resources(), SpecBuilder.deviceRules(spec));
                    spec = SpecBuilder.withConsole(spec, starting.consoleSlave());
                }
                awaitJoining(joining, monitor);
                writeSpec(dirs, spec);
            } catch (IOException e) {
                LaunchException failure = new LaunchException("create container " + id.substring(0, 12) + ": "
                        + LaunchException.detail(e), e);
                discard(id, cgroup, joining, monitor, madeVolumes, failure);
                throw failure;
            } catch (LaunchException | StoreException | RuntimeException e) {
                discard(id, cgroup, joining, monitor, madeVolumes, e);
                throw e;
            }
            return plan;
        }
    }

    /**
     * The container's networks joined. A container that ended before it joined (its monitor could not
     * make it: a layer it cannot mount, say) has no namespace left to join: then the monitor's failure
     * is the one the run reports, as it does without a network, and the networks are left as the
     * container's end leaves them.
     */
    private static void awaitJoining(Joining joining, Monitor monitor) throws LaunchException {
        try {
            joining.await();
        } catch (LaunchException e) {
            if (!endedBeforeJoining(monitor)) {
                throw e;
            }
        }
    }

    /** After a failed join: whether the container's monitor has ended (or is ending), its failure the one to report. */
    private static boolean endedBeforeJoining(Monitor monitor) {
        try {
            return monitor != null && monitor.endsWithin(MONITOR_END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What a failed create made, removed: the volumes it made, its cgroup (if made) and the
     * container. With a monitor running, whose shim waits in the container's directory, only the
     * joining is let finish: the run abandons it all once the shim has given up (see
     * {@link #abandon}), the networks too. {@code failure} is what is reported.
     */
    private void discard(String id, Cgroup cgroup, Joining joining, Monitor monitor, List<String> madeVolumes,
            Exception failure) {
        volumes.discard(madeVolumes);
        joining.settle();
        if (monitor != null) {
            return;
        }
        try {
            cgroup.delete();
            store.containers().delete(id);
        } catch (LaunchException | StoreException e) {
            failure.addSuppressed(e);
        }
    }

    /** Removes a container that never ran for its caller, and the anonymous volumes made for it. */
    private void deleteContainer(String id) throws StoreException {
        Optional<ContainerRecord> record = store.containers().get(id);
        store.containers().delete(id);
        if (record.isPresent()) {
            volumes.removeAnonymous(record.get());
        }
    }

    private ContainerPlan saveRecord(ContainerPlan plan, boolean nameDrawn) throws StoreException {
        for (int attempt = 1; ; attempt++) {
            try {
                store.containers().create(plan.record());
                return plan;
            } catch (NameConflictException e) {
                if (!nameDrawn || attempt == NAME_DRAWS) {
                    throw e;
                }
                plan = plan.withName(Names.random(ThreadLocalRandom.current()));
            }
        }
    }

    /**
     * Starts a created (or exited) container: its cgroup with the limits, then the monitor. The
     * console, when the attachment has one, becomes the container's terminal.
     */
    public Started start(ContainerRecord record, Monitor.Attachment attachment) throws LaunchException, StoreException {
        return start(record, cgroup(record.id()), attachment);
    }

    private Started start(ContainerRecord record, Cgroup cgroup, Monitor.Attachment attachment)
            throws LaunchException, StoreException {
        // A removal waits until the container is running or has failed to: it then finds its monitor, or nothing.
        try (Locks.Held starting = starting(record.id())) {
            ContainerRecord current = store.containers().get(record.id())
                    .orElseThrow(() -> new LaunchException("No such container: " + record.id()));
            if (Lifecycle.running(current)) {
                throw new LaunchException("start container " + record.shortId() + ": it is running already");
            }
            ContainerDirs dirs = dirs(record.id());
            Monitor.Network network = networking.monitorNetwork(current);
            // On a bridge network the shim waits for its plan until the networks are joined.
            boolean bridged = ContainerNetworking.bridged(current);
            if (!attachment.detached() || bridged) {
                // This command finishes the container when it ends (see Reconciler), or plans it still.
                MonitorStart.recordLauncher(dirs);
            }
            UsernsRootfs userns;
            Monitor monitor;
            try {
                // Confined anew, as Docker plans each start: the kernel may have changed since.
                RuntimeSpec spec = SpecBuilder.withDeviceRules(SpecBuilder.withConsole(seccomp.confine(readSpec(dirs),
                        seccompOf(current), true), attachment.consoleSlave()));
                cgroup.create(resources(current.hostConfig()), SpecBuilder.deviceRules(spec));
                userns = UsernsRootfs.of(spec);
                BindSources.create(current.hostConfig().binds(), userns == null ? null : userns.userns(), narrator);
                writeSpec(dirs, spec);
                if (userns != null) {
                    userns.handOver(dirs.spec(), cgroup.membership().directories(), attachment.consoleSlave());
                    if (cgroup instanceof CgroupV2) {
                        narrator.say("attach the device filter to the cgroup by a run of the shim as host root (the"
                                + " container's root may not load a BPF program)");
                        shim.attachDeviceFilter(dirs.dir());
                    }
                }
                if (bridged) {
                    // Kept aside until the networks are joined: the shim waits for it meanwhile.
                    Files.move(dirs.spec(), dirs.heldSpec(), StandardCopyOption.REPLACE_EXISTING);
                }
                monitor = monitors.start(dirs, cgroup, network, LogLimits.of(current.hostConfig().logConfig()),
                        attachment, current.config().tty(), userns);
            } catch (IOException | LaunchException e) {
                cgroup.delete();
                restoreSpec(dirs);
                throw e instanceof LaunchException le ? le : new LaunchException("start container "
                        + record.shortId() + ": " + LaunchException.detail((IOException) e), e);
            }
            if (bridged) {
                try {
                    networking.attach(current, dirs, monitor);
                    Files.move(dirs.heldSpec(), dirs.spec(), StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    unstart(dirs, cgroup, monitor);
                    throw new LaunchException("start container " + record.shortId() + ": " + LaunchException.detail(e), e);
                } catch (LaunchException e) {
                    if (!endedBeforeJoining(monitor)) {
                        unstart(dirs, cgroup, monitor);
                        throw e;
                    }
                    restoreSpec(dirs);
                } catch (RuntimeException e) {
                    unstart(dirs, cgroup, monitor);
                    throw e;
                }
            }
            Started started = running(current, monitor, dirs);
            if (attachment.detached()) {
                deleteLauncherPid(dirs);
            }
            return started;
        }
    }

    /** A start that failed once its monitor ran: the shim told to give up, the networks left, the spec put back. */
    private void unstart(ContainerDirs dirs, Cgroup cgroup, Monitor monitor) throws LaunchException {
        giveUp(dirs, monitor);
        networking.detach(dirs.id());
        cgroup.delete();
        restoreSpec(dirs);
    }

    /** The spec kept aside by a start that failed, back in its place. */
    private static void restoreSpec(ContainerDirs dirs) {
        try {
            if (Files.exists(dirs.heldSpec())) {
                Files.move(dirs.heldSpec(), dirs.spec(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // readSpec falls back to the held spec: the next start still finds it.
        }
    }

    private static void deleteLauncherPid(ContainerDirs dirs) throws LaunchException {
        try {
            Files.deleteIfExists(dirs.launcherPid());
        } catch (IOException e) {
            throw new LaunchException("start container " + dirs.id().substring(0, 12) + ": " + e.getMessage(), e);
        }
    }

    /** The lock that a start holds until the container runs, and that a removal takes. */
    Locks.Held starting(String id) throws StoreException {
        return store.locks().exclusive("start-" + id);
    }

    private Started running(ContainerRecord record, Monitor monitor, ContainerDirs dirs)
            throws StoreException, LaunchException {
        ContainerRecord running = store.containers().update(record.id(), r -> r.withState(
                r.state().running(monitor.pid(), ProcStat.startTime(monitor.pid()), Instant.now().toString())));
        return new Started(running, monitor, dirs);
    }

    /**
     * A run that failed after its monitor started: an empty spec makes the waiting shim give up
     * (it exits 125), then what was made is removed.
     */
    void abandon(ContainerDirs dirs, Cgroup cgroup, Monitor monitor) {
        try {
            giveUp(dirs, monitor);
            networking.detach(dirs.id());
            cgroup.delete();
            deleteContainer(dirs.id());
        } catch (LaunchException | StoreException e) {
            // The first failure is the one to report; the reconciler removes what is left.
        }
    }

    /** The waiting shim told to give up (an empty spec: it exits 125), and its monitor waited for. */
    private void giveUp(ContainerDirs dirs, Monitor monitor) {
        try {
            if (!Files.exists(dirs.spec())) {
                AtomicFiles.write(dirs.spec(), new byte[0], store.root().resolve("tmp"));
            }
            monitor.waitFor();
        } catch (IOException e) {
            // The shim also gives up when this command has ended.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After the monitor ended: records the exit status and OOM kill, removes the cgroup (killing
     * any process left in it) and, with {@code --rm}, the container.
     */
    public ContainerRecord finish(String id) throws LaunchException, StoreException {
        // The command that ran the container and a reconciling command may both get here: once is enough.
        try (var lock = store.locks().exclusive("finish-" + id)) {
            ContainerRecord current = store.containers().get(id).orElse(null);
            if (current == null || current.state().status() != ContainerStatus.RUNNING) {
                return current;
            }
            ContainerDirs dirs = dirs(id);
            Cgroup cgroup = cgroup(id);
            Optional<Monitor.Exit> exit = Monitor.exit(dirs.exitFile());
            OptionalInt status = exit.map(e -> OptionalInt.of(e.status())).orElse(OptionalInt.empty());
            // The monitor saw it when the container ended; the cgroup still tells a reconciling command.
            boolean oom = exit.map(Monitor.Exit::oomKilled).orElse(false) || cgroup.oomKilled();
            cgroup.killAll(Cgroup.SIGKILL);
            cgroup.delete();
            leaveNetworks(id);
            // A detached monitor that failed said why in its log; one that was killed said nothing.
            String error = Monitor.failure(dirs.monitorLog()).orElse(status.isEmpty()
                    ? "the container's monitor ended without recording an exit status" : null);
            String finishedAt = finishTime(dirs);
            UnaryOperator<ContainerRecord> exited = r -> r.withState(
                    r.state().exited(status.orElse(255), oom, finishedAt, error));
            if (current.hostConfig().autoRemove()) {
                // Removed at once, with its anonymous volumes (as Docker's --rm): an exited record would never be read.
                store.containers().delete(id);
                volumes.removeAnonymous(current);
                return exited.apply(current);
            }
            return store.containers().update(id, exited);
        }
    }

    /**
     * The ended container's leases and port rules released. A failure leaves its endpoints for the
     * reconciliation of the next command, which says what failed; the exit is recorded all the same.
     */
    private void leaveNetworks(String id) {
        try {
            networking.detach(id);
        } catch (LaunchException e) {
            narrator.say("left for later: " + e.getMessage());
        }
    }

    /** When the monitor wrote the exit status: the finish time even when nobody was watching. */
    private static String finishTime(ContainerDirs dirs) {
        try {
            return Files.getLastModifiedTime(dirs.exitFile()).toInstant().toString();
        } catch (IOException e) {
            return Instant.now().toString();
        }
    }

    /** The runtime spec a created container runs ({@code config.json}). */
    public RuntimeSpec spec(String id) throws LaunchException {
        try {
            return readSpec(dirs(id));
        } catch (IOException e) {
            throw new LaunchException("read the spec of container " + id.substring(0, Math.min(12, id.length())) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The spec, or the one a start kept aside (see {@link #start}) if that start was cut short. */
    private static RuntimeSpec readSpec(ContainerDirs dirs) throws IOException {
        Path file = !Files.exists(dirs.spec()) && Files.exists(dirs.heldSpec()) ? dirs.heldSpec() : dirs.spec();
        return JsonObject.read(Files.readAllBytes(file), RuntimeSpec::fromJson);
    }

    /** Writes {@code limits} into container {@code id}'s spec ({@code update}). */
    public void writeLimits(String id, Resources limits) throws LaunchException {
        ContainerDirs dirs = dirs(id);
        try {
            writeSpec(dirs, SpecBuilder.withLimits(readSpec(dirs), limits));
        } catch (IOException e) {
            throw new LaunchException("update the spec of container " + id + ": " + e.getMessage(), e);
        }
    }

    /** Written whole (temp file + rename): a shim may be waiting for it to appear. */
    private void writeSpec(ContainerDirs dirs, RuntimeSpec spec) throws IOException {
        AtomicFiles.write(dirs.spec(), Json.write(spec), store.root().resolve("tmp"));
    }

    /**
     * The runtime spec of a running container as {@code exec} joins it, with its seccomp program
     * (compiled again if the store lost it).
     */
    public RuntimeSpec specToJoin(ContainerRecord record) throws LaunchException {
        return seccomp.confine(spec(record.id()), seccompOf(record), true);
    }

    /** The seccomp filter a container was created with: none when privileged, as Docker's daemon decides. */
    private static SeccompOption seccompOf(ContainerRecord record) {
        return record.hostConfig().privileged() ? SeccompOption.UNCONFINED
                : SeccompOption.recorded(record.hostConfig().securityOpt());
    }

    /** The container's cgroup (whether or not it exists now); the narration is about this container from now on. */
    public Cgroup cgroup(String id) throws LaunchException {
        narrator.container(store.containers().dir(id));
        return Cgroups.forContainer(cgroupRoot, id, narrator::cgroup);
    }

    public ContainerDirs dirs(String id) {
        return new ContainerDirs(id, store.containers().dir(id));
    }

    /** The limits a created container's cgroup gets, as its record keeps them. */
    private static Resources resources(ContainerRecord.HostConfig h) {
        return new Resources(h.memory(), h.memorySwap(), h.nanoCpus(), h.cpuShares(), h.pidsLimit());
    }
}
