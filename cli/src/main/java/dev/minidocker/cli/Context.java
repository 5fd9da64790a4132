package dev.minidocker.cli;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.launcher.EarlyStart;
import dev.minidocker.launcher.Narrator;
import dev.minidocker.launcher.ImageMounts;
import dev.minidocker.launcher.ImageService;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.volume.VolumeService;
import dev.minidocker.launcher.Reconciler;
import dev.minidocker.launcher.ShimCommand;
import dev.minidocker.launcher.network.Networks;
import dev.minidocker.launcher.plan.Planner;
import dev.minidocker.launcher.seccomp.SeccompPlan;
import dev.minidocker.puller.progress.LineProgress;
import dev.minidocker.puller.progress.PullProgress;
import dev.minidocker.puller.progress.TerminalProgress;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.cgroup.Cgroups;
import dev.minidocker.launcher.cgroup.EventListener;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What commands share, made on first use: a command that needs no registry never builds an HTTP
 * client, and one that needs no store never creates its directories.
 */
final class Context {
    private final GlobalOptions options;
    final PrintStream out;
    final PrintStream err;
    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private final EarlyStartGuess early;
    private Store store;
    private boolean reconciled;

    Context(GlobalOptions options, PrintStream out, PrintStream err) {
        this(options, out, err, null);
    }

    /** {@code early}: the monitor this command started while parsing it (see {@link EarlyStartGuess}), if any. */
    Context(GlobalOptions options, PrintStream out, PrintStream err, EarlyStartGuess early) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.early = early;
    }

    /** The monitor started while the command line was parsed, or null. */
    GlobalOptions options() {
        return options;
    }

    EarlyStart earlyStart() {
        return early == null ? null : early.await();
    }

    /** The store, its container records made true first (see {@link Reconciler}), as every command wants them. */
    Store store() throws StoreException {
        Store opened = openedStore();
        if (!reconciled) {
            reconciled = true;
            try {
                reconcile();
            } catch (LaunchException e) {
                throw new StoreException("reconcile containers: " + e.getMessage(), e);
            }
        }
        return opened;
    }

    /** The store as it is, records not read: for what must happen before (run starts its monitor first). */
    private Store openedStore() throws StoreException {
        if (store == null) {
            store = Store.open(options.root(), notice -> err.println("minidocker: " + notice));
        }
        return store;
    }

    RegistryClient registry() {
        return Registries.client(options.insecureRegistries());
    }

    /** What starts containers, narrating on stderr with {@code explain}. */
    Starter starter(boolean explain) throws StoreException, LaunchException {
        return new Starter(openedStore(), CGROUP_ROOT, ShimCommand.beside(Starter.class),
                explain ? Narrator.to(err) : Narrator.silent());
    }

    /** What plans containers, for {@code --dry-run}. */
    Planner planner() throws StoreException, LaunchException {
        Store store = openedStore();
        return new Planner(store, SeccompPlan.beside(store.root(), ShimCommand.beside(Starter.class).lib()));
    }

    /** Makes container records true again after something was killed (see {@link Reconciler}). */
    void reconcile() throws StoreException, LaunchException {
        new Reconciler(starter(false), openedStore().containers(), warning -> err.println("minidocker: warning: " + warning))
                .reconcile();
    }

    /** What removes and prunes images. */
    ImageService images() throws StoreException {
        return new ImageService(store(), imageMounts());
    }

    /** A container's writable layer: overlayfs' upper dir. */
    Path writableLayer(ContainerRecord c) throws StoreException, LaunchException {
        return starter(false).dirs(c.id()).upper();
    }

    /** The size of the container's image (what Docker adds to its layer's for the "virtual" size); 0 when gone. */
    long imageSize(ContainerRecord c) throws StoreException {
        return c.imageId() == null ? 0 : store().images().get(c.imageId()).map(ImageRecord::size).orElse(0L);
    }

    /** What images and containers take on disk now (see {@link DiskUsage}). */
    DiskUsage diskUsage() throws StoreException, LaunchException {
        Starter starter = starter(false);
        return DiskUsage.measure(store(), Lifecycle::running, c -> starter.dirs(c.id()).upper());
    }

    ImageMounts imageMounts() throws StoreException {
        return new ImageMounts(store(), Syscalls.system());
    }

    /** The image named by {@code nameOrId}, or Docker's "No such image" failure. */
    ImageRecord image(String nameOrId) throws StoreException, CliException {
        return store().findImage(nameOrId)
                .orElseThrow(() -> new CliException("No such image: " + nameOrId));
    }

    /** The container named by full id, unique id prefix or name, or Docker's "No such container" failure. */
    ContainerRecord container(String nameOrId) throws StoreException, CliException {
        return store().containers().find(nameOrId)
                .orElseThrow(() -> new CliException("No such container: " + nameOrId));
    }

    /**
     * Whether the container is paused: its cgroup frozen. Read from the cgroup alone, without the
     * launcher's setup, since {@code ps} asks it of every running container.
     */
    boolean paused(ContainerRecord c) throws LaunchException {
        return c.state().status() == ContainerStatus.RUNNING && cgroup(c).frozen();
    }

    /** The container's cgroup, to read. */
    Cgroup cgroup(ContainerRecord c) throws LaunchException {
        return Cgroups.forContainer(CGROUP_ROOT, c.id(), EventListener.NONE);
    }

    /** What acts on existing containers: signals, stop, wait, removal, start. */
    Lifecycle lifecycle() throws StoreException, LaunchException {
        return new Lifecycle(starter(false), store(), Syscalls.system());
    }

    /** The store's networks (see {@link Networks}). */
    Networks networks() throws StoreException {
        return Networks.of(store());
    }

    VolumeService volumes() throws StoreException {
        return new VolumeService(store(), Syscalls.system());
    }

    /** Redrawn lines on a terminal, one line per event in logs and pipes. */
    PullProgress progress(boolean quiet) {
        if (quiet) {
            return PullProgress.quiet();
        }
        return isTerminal(2) ? new TerminalProgress(err) : new LineProgress(err);
    }

    /** Whether a file descriptor is a terminal, read from /proc with no native call. */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
