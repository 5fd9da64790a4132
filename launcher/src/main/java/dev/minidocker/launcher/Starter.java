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
    private final Path cgroupRoot;
    private final Narrator narrator;
    private final ShimCommand shim;
    private final Planner planner;
    private final SeccompPlan seccomp;
    private final MonitorStart monitors;

    public Starter(Store store, Path cgroupRoot, ShimCommand shim, Narrator narrator) {
        this.store = store;
        this.cgroupRoot = cgroupRoot;
        this.narrator = narrator;
        this.shim = shim;
        this.seccomp = SeccompPlan.beside(store.root(), shim.lib());
        this.planner = new Planner(store, seccomp);
        this.monitors = new MonitorStart(shim, narrator);
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
            return write(id, source.get(), options, cgroup(id), null).record();
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
        boolean hostNetwork = "host".equals(options.network());
        LogLimits log = LogLimits.of(options.logConfig());
        if (early != null && !options.userns().isPrivate() && early.fits(monitors.command(early.dirs(), early.cgroup(),
                hostNetwork, log, attachment, options.tty(), null), attachment.stdio())) {
            monitors.adopted(early, hostNetwork);
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
                record = write(dirs.id(), source.get(), options, cgroup, null).record();
            }
            try {
                return start(record, cgroup, attachment);
            } catch (LaunchException | StoreException | RuntimeException e) {
                store.containers().delete(dirs.id());
                throw e;
            }
        }
        MonitorStart.recordLauncher(dirs);
        return startPlanned(source, options, attachment, dirs, cgroup,
                monitors.start(dirs, cgroup, hostNetwork, log, attachment, options.tty(), null));
    }

    /**
     * Starts the monitor of a foreground run whose options are not known yet (picocli is still
     * reading them), on the guess that they ask for the usual one: attached without a terminal or
     * stdin, the json-file log with its default limits, a network namespace of its own, no user
     * namespace. {@link #run} adopts it or abandons it.
     */
    public EarlyStart startEarly() throws LaunchException, StoreException {
        ContainerDirs dirs = dirs(Names.newId());
        Cgroup cgroup = cgroup(dirs.id());
        Monitor.Attachment attachment = Monitor.Attachment.attached(ForegroundRun.stdio(false, false), null);
        MonitorStart.recordLauncher(dirs);
        List<String> command = monitors.command(dirs, cgroup, false, LogLimits.of(null), attachment, false, null);
        try {
            return new EarlyStart(this, dirs, cgroup, Monitor.start(attachment.stdio().command(command)), command,
                    attachment.stdio());
        } catch (LaunchException e) {
            store.containers().delete(dirs.id());
            throw e;
        }
    }

    /**
     * With the monitor (and the shim's JVM) booting: the plan is made and written, the cgroup made
     * before config.json, then the record says running. Whoever removes or starts the container
     * meanwhile waits for it.
     */
    private Started startPlanned(SourceProvider source, RunOptions options, Monitor.Attachment attachment,
            ContainerDirs dirs, Cgroup cgroup, Monitor monitor) throws LaunchException, StoreException {
        try (Locks.Held gc = store.creatingContainer(); Locks.Held starting = starting(dirs.id())) {
            ContainerPlan plan = write(dirs.id(), source.get(), options, cgroup, attachment);
            if (attachment.detached()) {
                // Nobody waits for it: the next command that sees its monitor gone finishes it.
                Files.deleteIfExists(dirs.launcherPid());
            }
            return running(plan.record(), monitor, dirs);
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
     * spec. The caller holds the store's {@link Store#creatingContainer} lock.
     */
    private ContainerPlan write(String id, Source source, RunOptions options, Cgroup cgroup,
            Monitor.Attachment starting) throws LaunchException, StoreException {
        // Picking a free id range and recording it are one step: no two containers get the same.
        try (Locks.Held ids = options.userns().isPrivate() ? store.locks().exclusive("userns") : null) {
            ContainerPlan plan = saveRecord(planner.plan(id, source, options, cgroup), options.name() == null);
            UserNamespace userns = SpecBuilder.userNamespace(plan.spec());
            ContainerDirs dirs = plan.dirs();
            try {
                Files.createDirectories(dirs.upper());
                Files.createDirectories(dirs.work());
                Files.createDirectories(dirs.rootfs());
                Files.writeString(dirs.hostname(), plan.hostname());
                Files.writeString(dirs.hosts(), plan.hosts());
                if (userns != null) {
                    MappedRoot.prepare(userns, store.root(), List.of(dirs.dir(), dirs.upper(), dirs.work()));
                }
                RuntimeSpec spec = seccomp.confine(plan.spec(), options.seccomp(), true);
                if (starting != null) {
                    BindSources.create(options.binds(), userns, narrator);
                    cgroup.create(plan.resources(), SpecBuilder.deviceRules(spec));
                    spec = SpecBuilder.withConsole(spec, starting.consoleSlave());
                }
                writeSpec(dirs, spec);
            } catch (IOException e) {
                discard(id, cgroup);
                throw new LaunchException("create container " + id.substring(0, 12) + ": " + LaunchException.detail(e),
                        e);
            } catch (LaunchException | RuntimeException e) {
                discard(id, cgroup);
                throw e;
            }
            return plan;
        }
    }

    /** What a failed create made, removed: its cgroup (if it was made) and the container. */
    private void discard(String id, Cgroup cgroup) throws LaunchException, StoreException {
        cgroup.delete();
        store.containers().delete(id);
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
            if (!attachment.detached()) {
                // This command finishes the container when it ends (see Reconciler).
                MonitorStart.recordLauncher(dirs);
            }
            UsernsRootfs userns;
            try {
                // Confined anew, as Docker plans each start: the kernel may have changed since.
                RuntimeSpec spec = SpecBuilder.withDeviceRules(SpecBuilder.withConsole(seccomp.confine(readSpec(dirs),
                        SeccompOption.recorded(current.hostConfig().securityOpt()), true), attachment.consoleSlave()));
                cgroup.create(resources(current.hostConfig()), SpecBuilder.deviceRules(spec));
                userns = UsernsRootfs.of(spec);
                BindSources.create(current.hostConfig().binds(), userns == null ? null : userns.userns(), narrator);
                writeSpec(dirs, spec);
                if (userns != null) {
                    userns.handOver(dirs.spec(), cgroup.membership().joinFiles(), attachment.consoleSlave());
                    if (cgroup instanceof CgroupV2) {
                        narrator.say("attach the device filter to the cgroup by a run of the shim as host root (the"
                                + " container's root may not load a BPF program)");
                        shim.attachDeviceFilter(dirs.dir());
                    }
                }
            } catch (IOException | LaunchException e) {
                cgroup.delete();
                throw e instanceof LaunchException le ? le : new LaunchException("start container "
                        + record.shortId() + ": " + LaunchException.detail((IOException) e), e);
            }
            Monitor monitor;
            try {
                monitor = monitors.start(dirs, cgroup, "host".equals(current.hostConfig().networkMode()),
                        LogLimits.of(current.hostConfig().logConfig()), attachment, current.config().tty(), userns);
            } catch (LaunchException e) {
                cgroup.delete();
                throw e;
            }
            return running(current, monitor, dirs);
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
            if (!Files.exists(dirs.spec())) {
                AtomicFiles.write(dirs.spec(), new byte[0], store.root().resolve("tmp"));
            }
            monitor.waitFor();
            cgroup.delete();
            store.containers().delete(dirs.id());
        } catch (IOException | LaunchException | StoreException e) {
            // The first failure is the one to report; the reconciler removes what is left.
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
            // A detached monitor that failed said why in its log; one that was killed said nothing.
            String error = Monitor.failure(dirs.monitorLog()).orElse(status.isEmpty()
                    ? "the container's monitor ended without recording an exit status" : null);
            String finishedAt = finishTime(dirs);
            UnaryOperator<ContainerRecord> exited = r -> r.withState(
                    r.state().exited(status.orElse(255), oom, finishedAt, error));
            if (current.hostConfig().autoRemove()) {
                // Removed at once: an exited record would never be read.
                store.containers().delete(id);
                return exited.apply(current);
            }
            return store.containers().update(id, exited);
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

    private static RuntimeSpec readSpec(ContainerDirs dirs) throws IOException {
        return JsonObject.read(Files.readAllBytes(dirs.spec()), RuntimeSpec::fromJson);
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
        return seccomp.confine(spec(record.id()), SeccompOption.recorded(record.hostConfig().securityOpt()), true);
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
