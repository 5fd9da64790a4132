package dev.minidocker.cli;

import dev.minidocker.launcher.EarlyStart;
import dev.minidocker.launcher.Narrator;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.ShimCommand;
import dev.minidocker.launcher.plan.NetworkOptions;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The early start, guessed from the raw arguments: the monitor of {@code minidocker run} started,
 * on a thread of its own, while picocli reads the command line and the run is planned (see
 * {@link EarlyStart}), so that the shim's JVM boots meanwhile rather than after. Only a plain
 * foreground run is guessed: not when an argument names an option that asks for another monitor
 * (or for no container yet), nor when this process is not root (it could not make the
 * namespaces). A wrong guess costs time, never correctness: the run adopts the monitor only when
 * its parsed options ask for this very one.
 */
final class EarlyStartGuess {
    /** Long options that change the monitor or its stdio, or mean that no container runs now. */
    private static final List<String> OTHER_MONITOR = List.of("--detach", "--tty", "--interactive", "--log-driver",
            "--log-opt", "--userns", "--uidmap", "--gidmap", "--dry-run", "--help");
    /**
     * {@code --network} takes the usual monitor (a network namespace of its own) for a bridge
     * network and for none alike; the host's and another container's ask for another.
     */
    private static final List<String> NETWORK = List.of("--network", "--net");
    /** The short ones, -d, -i and -t, alone or clustered as in -it and -dit. */
    private static final String OTHER_MONITOR_LETTERS = "dit";

    private final FutureTask<EarlyStart> start;

    private EarlyStartGuess(FutureTask<EarlyStart> start) {
        this.start = start;
    }

    /** Starts the monitor of {@code args} when they are guessed, else returns null. */
    static EarlyStartGuess begin(String[] args) {
        if (!guessed(args) || !"root".equals(System.getProperty("user.name"))) {
            return null;
        }
        FutureTask<EarlyStart> start = new FutureTask<>(() -> start(rootArgument(args)));
        Thread.ofPlatform().name("early-start").daemon().start(start);
        return new EarlyStartGuess(start);
    }

    private static EarlyStart start(Path root) {
        try {
            // Said here when this thread opens the store first: the command's own open finds it closed.
            Store store = Store.open(GlobalOptions.root(root), notice -> System.err.println("minidocker: " + notice));
            Starter starter = new Starter(store, Context.CGROUP_ROOT, ShimCommand.beside(Starter.class),
                    Narrator.silent());
            return starter.startEarly();
        } catch (LaunchException | StoreException | RuntimeException e) {
            // The run starts a monitor of its own, and says what fails.
            return null;
        }
    }

    /** The monitor once started, or null when it did not start. */
    EarlyStart await() {
        try {
            return start.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Unless the run adopted it: the monitor is abandoned, and nothing of it is left. */
    void abandonUnlessAdopted() {
        EarlyStart early = await();
        if (early != null) {
            early.abandon();
        }
    }

    /**
     * Whether {@code args} are a {@code run} that may take the usual monitor: no argument after
     * the command word could be one of the options that ask for another. Which arguments are
     * options is picocli's to say, so every argument counts, the image's command too.
     */
    static boolean guessed(String[] args) {
        int run = Main.commandIndex(args);
        if (run < 0 || !args[run].equals("run")) {
            return false;
        }
        for (int i = run + 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                if (OTHER_MONITOR.contains(name)) {
                    return false;
                }
                if (NETWORK.contains(name)) {
                    String mode = equals >= 0 ? arg.substring(equals + 1) : i + 1 < args.length ? args[i + 1] : "";
                    if (NetworkOptions.isHost(mode) || NetworkOptions.joined(mode) != null) {
                        return false;
                    }
                }
            } else if (arg.startsWith("-")) {
                for (char letter : arg.substring(1).toCharArray()) {
                    if (OTHER_MONITOR_LETTERS.indexOf(letter) >= 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The state directory given before the command word ({@code --root DIR} or {@code --root=DIR}), if any. */
    static Path rootArgument(String[] args) {
        Path root = null;
        int end = Main.commandIndex(args);
        for (int i = 0; i < end; i++) {
            if (args[i].equals("--root") && i + 1 < end) {
                root = Path.of(args[++i]);
            } else if (args[i].startsWith("--root=")) {
                root = Path.of(args[i].substring("--root=".length()));
            }
        }
        return root;
    }
}
