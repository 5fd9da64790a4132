package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts a container's monitor: its command line (which namespaces, which log, whose stdio), the
 * files of the last run cleared first, and one narrated line of what it will do.
 */
final class MonitorStart {
    private final ShimCommand shim;
    private final Narrator narrator;
    private final Path store;

    MonitorStart(ShimCommand shim, Narrator narrator, Path store) {
        this.shim = shim;
        this.narrator = narrator;
        this.store = store;
    }

    /** The container's directory, and in it who is planning the container (and, attached, will finish it). */
    static void recordLauncher(ContainerDirs dirs) throws LaunchException {
        try {
            Files.createDirectories(dirs.dir(), Store.PRIVATE_DIRECTORY);
            // The shim gives up waiting for its plan if this process dies before writing it.
            long self = ProcessHandle.current().pid();
            Files.writeString(dirs.launcherPid(), self + " " + ProcStat.startTime(self));
        } catch (IOException e) {
            throw new LaunchException("create container " + dirs.id().substring(0, 12) + ": " + e.getMessage(), e);
        }
    }

    Monitor start(ContainerDirs dirs, Cgroup cgroup, Monitor.Network network, LogLimits log,
            Monitor.Attachment attachment, boolean tty, UsernsRootfs userns) throws LaunchException {
        try {
            Files.deleteIfExists(dirs.exitFile());
            Files.deleteIfExists(dirs.initPid());
            Files.deleteIfExists(dirs.clonePid());
        } catch (IOException e) {
            throw new LaunchException("start container " + dirs.id().substring(0, 12) + ": " + e.getMessage(), e);
        }
        List<String> command = command(dirs, cgroup, network, log, attachment, tty, userns);
        narrator.say(describe(command, network, userns, dirs));
        ProcessBuilder builder = attachment.stdio().command(command);
        if (attachment.detached()) {
            // Nobody reads a detached monitor's stderr: its failures are kept for finish and run -d to tell.
            builder.redirectError(ProcessBuilder.Redirect.to(dirs.monitorLog().toFile()));
        }
        return launch(builder, cgroup);
    }

    /** Starts the monitor {@code builder} describes, once the cgroup directory it clones its child into exists. */
    static Monitor launch(ProcessBuilder builder, Cgroup cgroup) throws LaunchException {
        cgroup.createCloneTarget();
        try {
            return Monitor.start(builder);
        } catch (LaunchException e) {
            cgroup.delete();
            throw e;
        }
    }

    /**
     * The monitor's command line. A detached container's monitor is given the exit command (see
     * {@link ExitCommand}): nobody else may be there when the container ends.
     */
    List<String> command(ContainerDirs dirs, Cgroup cgroup, Monitor.Network network, LogLimits log,
            Monitor.Attachment attachment, boolean tty, UsernsRootfs userns) throws LaunchException {
        var plan = new Monitor.Plan(shim.lib().resolve(Monitor.BINARY), dirs, network, log, attachment, tty,
                cgroup.oomEvents(), cgroup.membership().cloneInto(), Optional.ofNullable(userns),
                shim.hostDirectories(), attachment.detached() ? ExitCommand.of(store, dirs.id()) : List.of());
        return Monitor.command(plan, shim.command(dirs.dir()));
    }

    /** A monitor started early (see {@link EarlyStart}), now told as this container's. */
    void adopted(EarlyStart early, Monitor.Network network) {
        narrator.container(early.dirs().dir());
        narrator.say(describe(early.command(), network, null, early.dirs())
                + " (started while the command line was parsed)");
    }

    private static String describe(List<String> command, Monitor.Network network, UsernsRootfs userns,
            ContainerDirs dirs) {
        return "start " + String.join(" ", command.subList(0, command.indexOf("--")))
                + " (clones new " + (userns == null ? "" : "user, ") + "mount, uts, ipc, pid"
                + (network.host() || network.join() != null ? "" : ", net") + " namespaces"
                + (network.join() == null ? "" : "; joins the network namespace " + network.join())
                + (userns == null ? "" : "; maps the ids, mounts the rootfs from idmapped layers")
                + ") -> shim " + dirs.spec();
    }
}
