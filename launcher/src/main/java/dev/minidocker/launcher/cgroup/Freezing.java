package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Path;

/** Waiting for the kernel to finish freezing or thawing a cgroup, which it does asynchronously. */
final class Freezing {
    static final String FROZEN = "FROZEN";
    static final String THAWED = "THAWED";
    private static final long TIMEOUT_NANOS = 10_000_000_000L;
    private static final long POLL_MILLIS = 1;

    /** A check of the cgroup's state: true once it is as asked. */
    interface Done {
        boolean check() throws LaunchException;
    }

    private Freezing() {
    }

    static void await(Done done, Path dir) throws LaunchException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!done.check()) {
            if (System.nanoTime() > deadline) {
                throw new LaunchException("cgroup: freeze or thaw " + dir + ": the kernel has not finished after 10 s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("cgroup: freeze or thaw " + dir + ": interrupted");
            }
        }
    }
}
