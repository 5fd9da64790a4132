package dev.minidocker.launcher;

import java.nio.file.Path;

/** The files of one container under {@code containers/<id>/}. */
public record ContainerDirs(String id, Path dir) {
    /** The runtime spec the shim carries out. */
    public Path spec() {
        return dir.resolve("config.json");
    }

    /** The spec a start keeps aside while the container joins its networks: its shim must not read it before. */
    public Path heldSpec() {
        return dir.resolve("config.json.held");
    }

    /** The container's writable layer. */
    public Path upper() {
        return dir.resolve("upper");
    }

    /** overlayfs' scratch directory, beside the upper dir on the same filesystem. */
    public Path work() {
        return dir.resolve("work");
    }

    /** Where the root filesystem is mounted, inside the container's mount namespace only. */
    public Path rootfs() {
        return dir.resolve("rootfs");
    }

    public Path hostname() {
        return dir.resolve("hostname");
    }

    public Path hosts() {
        return dir.resolve("hosts");
    }

    /** The container's /etc/resolv.conf, on a bridge network. */
    public Path resolvConf() {
        return dir.resolve("resolv.conf");
    }

    /** The container's output in Docker's json-file shape, kept by the monitor; rotated files beside it end in .1, .2... */
    public Path jsonLog() {
        return dir.resolve(id + "-json.log");
    }

    /** Written by the monitor when the container's process 1 exits: its exit status. */
    public Path exitFile() {
        return dir.resolve("exit");
    }

    /** A detached monitor's own stderr: what it says when it cannot start the container (empty otherwise). */
    public Path monitorLog() {
        return dir.resolve("monitor.log");
    }

    /**
     * The pid and start time of the command that started the container: while it plans it, and,
     * when it runs the container attached, until it has finished it.
     */
    public Path launcherPid() {
        return dir.resolve("launcher.pid");
    }

    /**
     * Written by the monitor as soon as it has cloned the container's process 1: its host pid, whose
     * network namespace the network plugins set up while the shim boots.
     */
    public Path clonePid() {
        return dir.resolve("clone.pid");
    }

    /** Written by the shim: the host pid and start time of the container's process 1. */
    public Path initPid() {
        return dir.resolve("init.pid");
    }
}
