package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.cgroup.Cgroups;
import dev.minidocker.launcher.spec.RuntimeSpec;
import dev.minidocker.launcher.userns.IdMap;
import dev.minidocker.launcher.userns.IdRanges;
import dev.minidocker.launcher.userns.MappedRoot;
import dev.minidocker.launcher.userns.UserNamespace;
import dev.minidocker.launcher.userns.UsernsMode;
import dev.minidocker.store.AtomicFiles;
import dev.minidocker.store.Locks;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.container.ContainerStatus;
import dev.minidocker.store.container.NameConflictException;
import dev.minidocker.store.oci.ImageConfig;
import dev.minidocker.store.oci.RecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Image + options -> container. {@link #create} plans it (record, directories, runtime spec);
 * {@link #start} makes its cgroup and starts its monitor, which starts the shim in new namespaces.
 * Every step is narrated to {@link Explain} for {@code --explain}.
 */
public final class Launcher {
    /** The kernel's random source, read directly: SecureRandom's providers cost a run 8 ms to set up. */
    private static final Path URANDOM = Path.of("/dev/urandom");
    private static final int NAME_DRAWS = 20;
    private final Store store;
    private final Path cgroupRoot;
    private final ShimCommand shim;
    private final Explain explain;

    public Launcher(Store store, Path cgroupRoot, ShimCommand shim, Explain explain) {
        this.store = store;
        this.cgroupRoot = cgroupRoot;
        this.shim = shim;
        this.explain = explain;
    }

    /** Where a container's root filesystem comes from: an image's layers, or a directory ({@code run-command}). */
    public sealed interface Source permits FromImage, FromDirectory {
    }

    public record FromImage(String name, ImageRecord image) implements Source {
    }

    public record FromDirectory(Path rootfs) implements Source {
    }

    /** Creates the container: record, directories and plan; nothing runs yet. */
    public ContainerRecord create(Source source, RunOptions options) throws LaunchException, StoreException {
        return create(newId(), source, options, false, null);
    }

    /** Where a container's root filesystem comes from, worked out once the monitor has started (it may pull). */
    @FunctionalInterface
    public interface SourceProvider {
        Source get() throws LaunchException, StoreException;
    }

    /**
     * Creates and starts a container in one go, the quick way: the monitor, and with it the shim's
     * JVM, starts first, and boots while this JVM finds the image and plans the container; the shim
     * waits for {@code config.json}, which is written last, once the cgroup it joins exists.
     */
    public Started run(SourceProvider source, RunOptions options, Monitor.Attachment attachment)
            throws LaunchException, StoreException {
        return run(source, options, attachment, null);
    }

    /**
     * {@link #run(SourceProvider, RunOptions, Monitor.Attachment)} with the monitor started by
     * {@link #startEarly}, if given: adopted when it is the very monitor these options ask for (the
     * same command line and stdio), abandoned otherwise.
     */
    public Started run(SourceProvider source, RunOptions options, Monitor.Attachment attachment, EarlyStart early)
            throws LaunchException, StoreException {
        boolean hostNetwork = "host".equals(options.network());
        LogLimits log = LogLimits.of(options.logConfig());
        if (early != null && !options.userns().isPrivate() && early.fits(
                monitorCommand(early.dirs(), hostNetwork, log, attachment, options.tty(), null), attachment.stdio())) {
            explain.step(describeStart(early.command(), hostNetwork, null, early.dirs())
                    + " (started while the command line was parsed)");
            return finishStart(source, options, attachment, early.dirs(), early.adopt());
        }
        if (early != null) {
            early.abandon();
        }
        ContainerDirs dirs = dirs(newId());
        if (options.userns().isPrivate()) {
            // The monitor mounts the root filesystem from the image's layers: the plan comes first.
            ContainerRecord record = create(dirs.id(), source.get(), options, false, null);
            try {
                return start(record, attachment);
            } catch (LaunchException | StoreException | RuntimeException e) {
                store.containers().delete(dirs.id());
                throw e;
            }
        }
        recordLauncher(dirs);
        return finishStart(source, options, attachment, dirs,
                startMonitor(dirs, hostNetwork, log, attachment, options.tty(), null));
    }

    /**
     * Starts the monitor of a foreground run whose options are not known yet (picocli is still
     * reading them), on the guess that they ask for the usual one: attached without a terminal or
     * stdin, the json-file log with its default limits, a network namespace of its own, no user
     * namespace. {@link #run(SourceProvider, RunOptions, Monitor.Attachment, EarlyStart)} adopts it
     * or abandons it.
     */
    public EarlyStart startEarly() throws LaunchException, StoreException {
        ContainerDirs dirs = dirs(newId());
        Monitor.Attachment attachment = Monitor.Attachment.attached(ForegroundRun.stdio(false, false), null);
        recordLauncher(dirs);
        List<String> command = monitorCommand(dirs, false, LogLimits.of(null), attachment, false, null);
        try {
            return new EarlyStart(this, dirs, Monitor.start(attachment.stdio().command(command)), command,
                    attachment.stdio());
        } catch (LaunchException e) {
            store.containers().delete(dirs.id());
            throw e;
        }
    }

    /** The container's directory, and in it who is planning the container (and, attached, will finish it). */
    private static void recordLauncher(ContainerDirs dirs) throws LaunchException {
        try {
            Files.createDirectories(dirs.dir(), Store.PRIVATE_DIRECTORY);
            // The shim gives up waiting for its plan if this process dies before writing it.
            long self = ProcessHandle.current().pid();
            Files.writeString(dirs.launcherPid(), self + " " + ProcStat.startTime(self));
        } catch (IOException e) {
            throw new LaunchException("create container " + dirs.id().substring(0, 12) + ": " + e.getMessage(), e);
        }
    }

    /** With the monitor (and the shim's JVM) started: the plan, then the record says running. */
    private Started finishStart(SourceProvider source, RunOptions options, Monitor.Attachment attachment,
            ContainerDirs dirs, Monitor monitor) throws LaunchException, StoreException {
        try {
            ContainerRecord record = create(dirs.id(), source.get(), options, true, attachment.consoleSlave());
            if (attachment.detached()) {
                // Nobody waits for it: the next command that sees its monitor gone finishes it.
                Files.deleteIfExists(dirs.launcherPid());
            }
            return running(record, monitor, dirs);
        } catch (IOException e) {
            abandon(dirs, monitor);
            throw new LaunchException("start container " + dirs.id().substring(0, 12) + ": " + e.getMessage(), e);
        } catch (LaunchException | StoreException | RuntimeException e) {
            abandon(dirs, monitor);
            throw e;
        }
    }

    /**
     * Record, directories, and the spec written last. When {@code starting}, the container is about
     * to run: its cgroup is made first, and the console (if any) named in the spec.
     */
    private ContainerRecord create(String id, Source source, RunOptions options, boolean starting,
            String consoleSlave)
            throws LaunchException, StoreException {
        String hostname = options.hostname() != null ? options.hostname() : id.substring(0, 12);
        ImageConfig.RunConfig imageConfig = source instanceof FromImage f ? imageConfig(f.image()) : null;
        ProcessPlan process = ProcessPlan.of(imageConfig, options, hostname, System::getenv);
        String name = options.name() != null ? checkName(options.name()) : Names.random(ThreadLocalRandom.current());
        // Picking a free id range and recording it are one step: no two containers get the same.
        Locks.Held idLock = options.userns().isPrivate() ? store.locks().exclusive("userns") : null;
        try (idLock) {
            UserNamespace userns = userNamespace(options.userns());
            ContainerRecord record = record(id, name, source, options, imageConfig, process, hostname, userns);
            return create(record, source, options, process, userns, starting, consoleSlave);
        }
    }

    private ContainerRecord record(String id, String name, Source source, RunOptions options,
            ImageConfig.RunConfig imageConfig, ProcessPlan process, String hostname, UserNamespace userns) {
        var hostConfig = new ContainerRecord.HostConfig(options.resources().memoryBytes(),
                options.resources().memorySwapBytes(), options.resources().nanoCpus(),
                options.resources().cpuShares(), options.resources().pidsLimit(), options.binds(), options.tmpfs(),
                options.readOnly(), options.autoRemove(), options.network(),
                options.noNewPrivileges() ? List.of("no-new-privileges") : List.of(), options.logConfig(),
                options.userns().name(), userns == null ? null : new ContainerRecord.IdMappings(
                        UserNamespace.text(userns.uids()), UserNamespace.text(userns.gids())));
        // What runs, as Docker records it: the image's ENTRYPOINT and CMD as the options changed them.
        var config = new ContainerRecord.Config(ProcessPlan.entrypoint(imageConfig, options),
                ProcessPlan.cmd(imageConfig, options), process.env(),
                process.cwd(), process.user(), hostname, options.tty(), options.interactive(),
                imageConfig == null ? null : imageConfig.stopSignal());
        String imageName = source instanceof FromImage f ? f.name() : ((FromDirectory) source).rootfs().toString();
        Digest imageId = source instanceof FromImage f ? f.image().id() : null;
        return new ContainerRecord(id, name, imageName, imageId, Instant.now().toString(), config, hostConfig,
                ContainerState.created());
    }

    private ContainerRecord create(ContainerRecord record, Source source, RunOptions options, ProcessPlan process,
            UserNamespace userns, boolean starting, String consoleSlave) throws LaunchException, StoreException {
        String id = record.id();
        for (int attempt = 1; ; attempt++) {
            try {
                store.containers().create(record);
                break;
            } catch (NameConflictException e) {
                // A drawn name that is taken is drawn again, as Docker does; a chosen one is refused.
                if (options.name() != null || attempt == NAME_DRAWS) {
                    throw e;
                }
                record = record.withName(Names.random(ThreadLocalRandom.current()));
            }
        }
        ContainerDirs dirs = dirs(id);
        try {
            Files.createDirectories(dirs.upper());
            Files.createDirectories(dirs.work());
            Files.createDirectories(dirs.rootfs());
            Files.writeString(dirs.hostname(), record.config().hostname() + "\n");
            Files.writeString(dirs.hosts(), Hosts.content(record.config().hostname(), options.network()));
            if (userns != null) {
                MappedRoot.prepare(userns, store.root(), List.of(dirs.dir(), dirs.upper(), dirs.work()));
            }
            RuntimeSpec spec = plan(record, source, options, process, userns);
            if (starting) {
                Cgroups.forContainer(cgroupRoot, id, explain::cgroup).create(resources(record));
                spec = withConsole(spec, consoleSlave);
            }
            writeSpec(dirs, spec);
        } catch (IOException | LaunchException | StoreException e) {
            Cgroups.forContainer(cgroupRoot, id, explain::cgroup).delete();
            store.containers().delete(id);
            throw e instanceof IOException io ? new LaunchException("create container " + id.substring(0, 12) + ": "
                    + io.getMessage(), io) : e instanceof LaunchException le ? le : new LaunchException(e.getMessage(), e);
        }
        return record;
    }

    /** The plan of a container, without creating anything: {@code run --dry-run}. */
    public RuntimeSpec dryRun(Source source, RunOptions options) throws LaunchException, StoreException {
        String id = "0".repeat(64);
        String hostname = options.hostname() != null ? options.hostname() : id.substring(0, 12);
        ImageConfig.RunConfig imageConfig = source instanceof FromImage f ? imageConfig(f.image()) : null;
        ProcessPlan process = ProcessPlan.of(imageConfig, options, hostname, System::getenv);
        ContainerRecord record = new ContainerRecord(id, "dry-run", "", null, null, null, null, null);
        return plan(record, source, options, process, userNamespace(options.userns()));
    }

    /**
     * The user namespace {@code mode} asks for: none, the maps given, or a free range of the pool
     * (the caller holds the "userns" lock until the container's record is written).
     */
    private UserNamespace userNamespace(UsernsMode mode) throws LaunchException, StoreException {
        if (!mode.isPrivate()) {
            return null;
        }
        if (!mode.uidMap().isEmpty()) {
            return UserNamespace.of(mode.uidMap(), mode.gidMap());
        }
        List<IdMap> taken = new ArrayList<>();
        for (ContainerRecord c : store.containers().all()) {
            ContainerRecord.IdMappings ids = c.hostConfig() == null ? null : c.hostConfig().idMappings();
            if (ids != null) {
                taken.addAll(UserNamespace.parse(ids.uidMap(), "--uidmap"));
                taken.addAll(UserNamespace.parse(ids.gidMap(), "--gidmap"));
            }
        }
        return IdRanges.pick(hostFile("/etc/subuid"), hostFile("/etc/subgid"), taken);
    }

    private static String hostFile(String path) throws LaunchException {
        try {
            return Files.exists(Path.of(path)) ? Files.readString(Path.of(path)) : "";
        } catch (IOException e) {
            throw new LaunchException("read " + path + ": " + e.getMessage(), e);
        }
    }

    private RuntimeSpec plan(ContainerRecord record, Source source, RunOptions options, ProcessPlan process,
            UserNamespace userns) throws LaunchException, StoreException {
        ContainerDirs dirs = dirs(record.id());
        List<Path> lowers = new ArrayList<>();
        if (source instanceof FromImage f) {
            for (Digest diffId : f.image().diffIds().reversed()) {
                lowers.add(store.layers().diffDir(diffId));
            }
        } else {
            lowers.add(((FromDirectory) source).rootfs());
        }
        OverlayPlan rootfs = new OverlayPlan(lowers, dirs.upper(), dirs.work(), dirs.rootfs());
        Cgroup cgroup = Cgroups.forContainer(cgroupRoot, record.id(), explain::cgroup);
        return SpecBuilder.build(dirs, rootfs, process, options, process.env().stream()
                .filter(e -> e.startsWith("HOSTNAME=")).map(e -> e.substring(9)).findFirst().orElse(""),
                cgroup.joinFiles(), cgroup.mountSpec(), userns);
    }

    /** Written whole (temp file + rename): a shim may be waiting for it to appear. */
    private void writeSpec(ContainerDirs dirs, RuntimeSpec spec) throws IOException {
        AtomicFiles.write(dirs.spec(), RecordJson.write(spec), store.root().resolve("tmp"));
    }

    private ImageConfig.RunConfig imageConfig(ImageRecord image) throws LaunchException, StoreException {
        try {
            return RecordJson.read(store.blobs().read(image.id()), ImageConfig.class).config();
        } catch (IOException e) {
            throw new LaunchException("read config of image " + image.id().shortHex() + ": " + e.getMessage(), e);
        }
    }

    private String checkName(String name) throws LaunchException {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new LaunchException("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name;
    }

    /** The runtime spec a created container runs ({@code config.json}). */
    public RuntimeSpec spec(String id) throws LaunchException {
        try {
            return RecordJson.read(Files.readAllBytes(dirs(id).spec()), RuntimeSpec.class);
        } catch (IOException e) {
            throw new LaunchException("read the spec of container " + id.substring(0, Math.min(12, id.length())) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The container's cgroup (whether or not it exists now). */
    public Cgroup cgroup(String id) throws LaunchException {
        return Cgroups.forContainer(cgroupRoot, id, explain::cgroup);
    }

    public ContainerDirs dirs(String id) {
        return new ContainerDirs(id, store.containers().dir(id));
    }

    /**
     * Starts a created (or exited) container: its cgroup with the limits, then the monitor. The
     * console, when {@code consoleSlave} is given, becomes the container's terminal.
     */
    public Started start(ContainerRecord record, Monitor.Attachment attachment)
            throws LaunchException, StoreException {
        ContainerDirs dirs = dirs(record.id());
        if (!attachment.detached()) {
            // This command finishes the container when it ends (see Reconciler).
            recordLauncher(dirs);
        }
        Cgroup cgroup = Cgroups.forContainer(cgroupRoot, record.id(), explain::cgroup);
        cgroup.create(resources(record));
        UsernsRootfs userns;
        try {
            Files.deleteIfExists(dirs.exitFile());
            Files.deleteIfExists(dirs.initPid());
            RuntimeSpec spec = withConsole(RecordJson.read(Files.readAllBytes(dirs.spec()), RuntimeSpec.class),
                    attachment.consoleSlave());
            userns = UsernsRootfs.of(spec);
            writeSpec(dirs, spec);
            if (userns != null) {
                userns.handOver(dirs.spec(), cgroup.joinFiles(), attachment.consoleSlave());
            }
        } catch (IOException | LaunchException e) {
            cgroup.delete();
            throw e instanceof LaunchException le ? le
                    : new LaunchException("start container " + record.shortId() + ": " + e.getMessage(), e);
        }
        Monitor monitor;
        try {
            monitor = startMonitor(dirs, "host".equals(record.hostConfig().networkMode()),
                    LogLimits.of(record.hostConfig().logConfig()), attachment, record.config().tty(), userns);
        } catch (LaunchException e) {
            cgroup.delete();
            throw e;
        }
        return running(record, monitor, dirs);
    }

    private Monitor startMonitor(ContainerDirs dirs, boolean hostNetwork, LogLimits log,
            Monitor.Attachment attachment, boolean tty, UsernsRootfs userns) throws LaunchException {
        try {
            Files.deleteIfExists(dirs.exitFile());
            Files.deleteIfExists(dirs.initPid());
        } catch (IOException e) {
            throw new LaunchException("start container " + dirs.id().substring(0, 12) + ": " + e.getMessage(), e);
        }
        List<String> command = monitorCommand(dirs, hostNetwork, log, attachment, tty, userns);
        explain.step(describeStart(command, hostNetwork, userns, dirs));
        ProcessBuilder builder = attachment.stdio().command(command);
        if (attachment.detached()) {
            // Nobody reads a detached monitor's stderr: its failures are kept for finish and run -d to tell.
            builder.redirectError(ProcessBuilder.Redirect.to(dirs.monitorLog().toFile()));
        }
        return Monitor.start(builder);
    }

    private List<String> monitorCommand(ContainerDirs dirs, boolean hostNetwork, LogLimits log,
            Monitor.Attachment attachment, boolean tty, UsernsRootfs userns) throws LaunchException {
        var plan = new Monitor.Plan(shim.lib().resolve(Monitor.BINARY), dirs, hostNetwork, log, attachment, tty,
                cgroup(dirs.id()).oomEvents(), Optional.ofNullable(userns));
        return Monitor.command(plan, shim.command(dirs.dir()));
    }

    private static String describeStart(List<String> command, boolean hostNetwork, UsernsRootfs userns,
            ContainerDirs dirs) {
        return "start " + String.join(" ", command.subList(0, command.indexOf("--")))
                + " (clones new " + (userns == null ? "" : "user, ") + "mount, uts, ipc, pid" + (hostNetwork ? "" : ", net")
                + " namespaces" + (userns == null ? "" : "; maps the ids, mounts the rootfs from idmapped layers")
                + ") -> shim " + dirs.spec();
    }

    private Started running(ContainerRecord record, Monitor monitor, ContainerDirs dirs)
            throws StoreException, LaunchException {
        ContainerRecord running = store.containers().update(record.id(), r -> r.withState(
                r.state().running(monitor.pid(), ProcStat.startTime(monitor.pid()), Instant.now().toString())));
        return new Started(running, monitor, Cgroups.forContainer(cgroupRoot, record.id(), explain::cgroup), dirs);
    }

    /**
     * A run that failed after its monitor started: an empty spec makes the waiting shim give up
     * (it exits 125), then what was made is removed.
     */
    void abandon(ContainerDirs dirs, Monitor monitor) {
        try {
            if (!Files.exists(dirs.spec())) {
                AtomicFiles.write(dirs.spec(), new byte[0], store.root().resolve("tmp"));
            }
            monitor.waitFor();
            Cgroups.forContainer(cgroupRoot, dirs.id(), explain::cgroup).delete();
            store.containers().delete(dirs.id());
        } catch (IOException | LaunchException | StoreException e) {
            // The first failure is the one to report; the reconciler removes what is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeSpec withConsole(RuntimeSpec spec, String consoleSlave) {
        Map<String, String> annotations = new java.util.LinkedHashMap<>(spec.annotations());
        if (consoleSlave == null || consoleSlave.isEmpty()) {
            annotations.remove(SpecBuilder.CONSOLE);
        } else {
            annotations.put(SpecBuilder.CONSOLE, consoleSlave);
        }
        return new RuntimeSpec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), spec.mounts(),
                spec.linux(), annotations);
    }

    private static dev.minidocker.launcher.cgroup.Resources resources(ContainerRecord record) {
        var h = record.hostConfig();
        return new dev.minidocker.launcher.cgroup.Resources(h.memory(), h.memorySwap(), h.nanoCpus(), h.cpuShares(),
                h.pidsLimit());
    }

    /** A started container and what minidocker holds of it. */
    public record Started(ContainerRecord record, Monitor monitor, Cgroup cgroup, ContainerDirs dirs) {
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
            Cgroup cgroup = Cgroups.forContainer(cgroupRoot, id, explain::cgroup);
            Optional<Monitor.Exit> exit = Monitor.exit(dirs.exitFile());
            OptionalInt status = exit.map(e -> OptionalInt.of(e.status())).orElse(OptionalInt.empty());
            // The monitor saw it when the container ended; the cgroup still tells a reconciling command.
            boolean oom = exit.map(Monitor.Exit::oomKilled).orElse(false) || cgroup.oomKilled();
            cgroup.killAll(9);
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

    /** 64 random hex digits, as Docker's container ids. */
    static String newId() throws LaunchException {
        byte[] bytes = new byte[32];
        try (var in = Files.newInputStream(URANDOM)) {
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                throw new IOException("short read");
            }
        } catch (IOException e) {
            throw new LaunchException("read " + URANDOM + " for a container id: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
