package dev.minidocker.cli;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.launcher.EarlyStart;
import dev.minidocker.launcher.Explain;
import dev.minidocker.launcher.ImageMounts;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Launcher;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.Reconciler;
import dev.minidocker.launcher.ShimCommand;
import dev.minidocker.puller.progress.LineProgress;
import dev.minidocker.puller.progress.PullProgress;
import dev.minidocker.puller.progress.TerminalProgress;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
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
    private final EarlyRun early;
    private Store store;
    private boolean reconciled;

    Context(GlobalOptions options, PrintStream out, PrintStream err) {
        this(options, out, err, null);
    }

    /** {@code early}: the monitor this command started while parsing it (see {@link EarlyRun}), if any. */
    Context(GlobalOptions options, PrintStream out, PrintStream err, EarlyRun early) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.early = early;
    }

    /** The monitor started while the command line was parsed, or null. */
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

    /** The launcher, narrating on stderr with {@code explain}. */
    Launcher launcher(boolean explain) throws StoreException, LaunchException {
        return new Launcher(openedStore(), CGROUP_ROOT, ShimCommand.beside(Launcher.class),
                explain ? Explain.to(err) : Explain.silent());
    }

    /** Makes container records true again after something was killed (see {@link Reconciler}). */
    void reconcile() throws StoreException, LaunchException {
        new Reconciler(launcher(false), openedStore().containers()).reconcile();
    }

    /** Images that garbage collection keeps though no reference names them: mounted, or used by a container. */
    java.util.Set<dev.minidocker.store.Digest> imagesInUse() throws StoreException, LaunchException {
        java.util.Set<dev.minidocker.store.Digest> inUse = new java.util.HashSet<>(imageMounts().mounted());
        for (var c : store().containers().all()) {
            if (c.imageId() != null) {
                inUse.add(c.imageId());
            }
        }
        return inUse;
    }

    /** A container's writable layer: overlayfs' upper dir. */
    Path writableLayer(ContainerRecord c) throws StoreException, LaunchException {
        return launcher(false).dirs(c.id()).upper();
    }

    /** What images and containers take on disk now (see {@link DiskUsage}). */
    DiskUsage diskUsage() throws StoreException, LaunchException {
        Launcher launcher = launcher(false);
        return DiskUsage.measure(store(), Lifecycle::running, c -> launcher.dirs(c.id()).upper());
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

    /** What acts on existing containers: signals, stop, wait, removal, start. */
    Lifecycle lifecycle() throws StoreException, LaunchException {
        return new Lifecycle(launcher(false), store(), Syscalls.system());
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
