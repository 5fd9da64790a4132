package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import java.util.List;

/**
 * The early start: a foreground run's monitor started before its options were parsed
 * ({@link Starter#startEarly}), so that the shim's JVM boots while they are parsed and the
 * container planned, rather than after. It is a guess at the monitor the options will ask for;
 * {@link Starter#run} adopts it only when they ask for exactly this one, and whatever does not
 * adopt it abandons it: the waiting shim is told to give up, and the container's directory goes.
 */
public final class EarlyStart {
    private final Starter starter;
    private final ContainerDirs dirs;
    private final Cgroup cgroup;
    private final Monitor monitor;
    private final List<String> command;
    private final ProcessBuilder stdio;
    private boolean settled;

    EarlyStart(Starter starter, ContainerDirs dirs, Cgroup cgroup, Monitor monitor, List<String> command,
            ProcessBuilder stdio) {
        this.starter = starter;
        this.dirs = dirs;
        this.cgroup = cgroup;
        this.monitor = monitor;
        this.command = List.copyOf(command);
        this.stdio = stdio;
    }

    ContainerDirs dirs() {
        return dirs;
    }

    Cgroup cgroup() {
        return cgroup;
    }

    List<String> command() {
        return command;
    }

    /** Whether this is the monitor {@code wanted} (its command line) with {@code wantedStdio} describes. */
    boolean fits(List<String> wanted, ProcessBuilder wantedStdio) {
        return !settled && command.equals(wanted) && sameStdio(stdio, wantedStdio);
    }

    private static boolean sameStdio(ProcessBuilder a, ProcessBuilder b) {
        return a.redirectInput().equals(b.redirectInput()) && a.redirectOutput().equals(b.redirectOutput())
                && a.redirectError().equals(b.redirectError());
    }

    /** The monitor, now the container's. */
    Monitor adopt() {
        settled = true;
        return monitor;
    }

    /** Unless adopted: the shim gives up, the monitor ends, and the container's directory is removed. */
    public void abandon() {
        if (!settled) {
            settled = true;
            starter.abandon(dirs, cgroup, monitor);
        }
    }
}
