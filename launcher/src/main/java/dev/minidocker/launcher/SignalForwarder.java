package dev.minidocker.launcher;

import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Passes the signals that {@code minidocker run} receives to the container's process 1, as
 * Docker's {@code --sig-proxy} does, and those {@code exec} receives to its helper, which passes
 * them on to the command. SIGQUIT is not among them: the JVM keeps it for thread dumps and refuses
 * a handler for it.
 */
final class SignalForwarder implements AutoCloseable {
    static final List<String> SIGNALS = List.of("INT", "TERM", "HUP", "USR1", "USR2");
    private final Syscalls syscalls;
    private final LongSupplier target;
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private SignalForwarder(Syscalls syscalls, LongSupplier target) {
        this.syscalls = syscalls;
        this.target = target;
    }

    /** To the container's process 1, named in {@code initPidFile} once the shim has written it. */
    static SignalForwarder install(Syscalls syscalls, Path initPidFile) {
        return install(syscalls, () -> initPid(initPidFile));
    }

    /** To the process {@code target} names (none when it gives 0 or less). */
    static SignalForwarder install(Syscalls syscalls, LongSupplier target) {
        SignalForwarder forwarder = new SignalForwarder(syscalls, target);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            forwarder.previous.add(Signal.handle(signal, forwarder::forward));
            forwarder.installed.add(signal);
        }
        return forwarder;
    }

    private void forward(Signal signal) {
        long pid = target.getAsLong();
        if (pid > 0) {
            try {
                syscalls.kill(pid, signal.getNumber());
            } catch (LinuxException e) {
                // The container has just exited: nothing left to signal.
            }
        }
    }

    /**
     * The process {@code started} completes with, while it runs. A signal may come before: the
     * JDK returns a new process some milliseconds after it has exec'd (more on a busy machine),
     * and what the process starts may already have printed; that signal waits for it (up to a
     * second) rather than being lost.
     */
    static LongSupplier whenStarted(CompletableFuture<? extends Process> started) {
        return () -> {
            try {
                Process process = started.get(1, TimeUnit.SECONDS);
                return process.isAlive() ? process.pid() : 0;
            } catch (ExecutionException | TimeoutException notStarted) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        };
    }

    /** The container's process 1 once the shim has written it; it waits briefly for a shim still starting. */
    private static long initPid(Path initPidFile) {
        for (int i = 0; i < 200; i++) {
            try {
                String[] fields = Files.readString(initPidFile).trim().split(" ");
                long pid = Long.parseLong(fields[0]);
                long start = Long.parseLong(fields[1]);
                return ProcStat.alive(pid, start) ? pid : -1;
            } catch (IOException | RuntimeException notYet) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
        return -1;
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
    }
}
