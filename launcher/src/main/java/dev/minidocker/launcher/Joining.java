package dev.minidocker.launcher;

import dev.minidocker.launcher.network.Endpoint;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A container's networks being joined on a thread of their own, while the rest of its plan is
 * written: the plugins' processes run while this JVM writes files and the shim's JVM boots.
 */
final class Joining {
    /** Nothing to join. */
    static final Joining NONE = new Joining(null);

    /** The joining itself. */
    @FunctionalInterface
    interface Join {
        List<Endpoint> run() throws LaunchException;
    }

    private final FutureTask<List<Endpoint>> task;

    private Joining(FutureTask<List<Endpoint>> task) {
        this.task = task;
    }

    static Joining start(Join join) {
        FutureTask<List<Endpoint>> task = new FutureTask<>(join::run);
        Thread.ofPlatform().name("join-networks").daemon().start(task);
        return new Joining(task);
    }

    /** Waits until the networks are joined; a failure to join (undone already) is thrown here. */
    void await() throws LaunchException {
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LaunchException l) {
                throw l;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("join the container's networks: interrupted", e);
        }
    }

    /** Waits until the joining is over, whatever its outcome: what it made can then be undone. */
    void settle() {
        try {
            await();
        } catch (LaunchException | RuntimeException e) {
            // Its own failure undid what it had made; the caller's is the one to report.
        }
    }
}
