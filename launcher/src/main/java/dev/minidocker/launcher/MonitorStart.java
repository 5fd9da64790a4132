package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Starts a container's monitor: its command line (which namespaces, which log, whose stdio), the
 * files of the last run cleared first, and one narrated line of what it will do.
 */
final class MonitorStart {
    private final ShimCommand shim;
    private final Narrator narrator;

    MonitorStart(ShimCommand shim, Narrator narrator) {
        this.shim = shim;
        this.narrator = narrator;
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

    Monitor start(ContainerDirs dirs, Cgroup cgroup, boolean hostNetwork, LogLimits log, Monitor.Attachment attachment,
            boolean tty, UsernsRootfs userns) throws LaunchException {
        try {
            Files.deleteIfExists(dirs.exitFile());
            Files.deleteIfExists(dirs.initPid());
        } catch (IOException e) {
            throw new LaunchException("start container " + dirs.id().substring(0, 12) + ": " + e.getMessage(), e);
        }
        List<String> command = command(dirs, cgroup, hostNetwork, log, attachment, tty, userns);
        narrator.say(describe(command, hostNetwork, userns, dirs));
        ProcessBuilder builder = attachment.stdio().command(command);
        if (attachment.detached()) {
            // Nobody reads a detached monitor's stderr: its failures are kept for finish and run -d to tell.
            builder.redirectError(ProcessBuilder.Redirect.to(dirs.monitorLog().toFile()));
        }
        return Monitor.start(builder);
    }

    List<String> command(ContainerDirs dirs, Cgroup cgroup, boolean hostNetwork, LogLimits log,
            Monitor.Attachment attachment, boolean tty, UsernsRootfs userns) throws LaunchException {
        var plan = new Monitor.Plan(shim.lib().resolve(Monitor.BINARY), dirs, hostNetwork, log, attachment, tty,
                cgroup.oomEvents(), Optional.ofNullable(userns), shim.hostDirectories());
        return Monitor.command(plan, shim.command(dirs.dir()));
    }

    /** A monitor started early (see {@link EarlyStart}), now told as this container's. */
    void adopted(EarlyStart early, boolean hostNetwork) {
        narrator.container(early.dirs().dir());
        narrator.say(describe(early.command(), hostNetwork, null, early.dirs())
                + " (started while the command line was parsed)");
    }

    private static String describe(List<String> command, boolean hostNetwork, UsernsRootfs userns, ContainerDirs dirs) {
        return "start " + String.join(" ", command.subList(0, command.indexOf("--")))
                + " (clones new " + (userns == null ? "" : "user, ") + "mount, uts, ipc, pid" + (hostNetwork ? "" : ", net")
                + " namespaces" + (userns == null ? "" : "; maps the ids, mounts the rootfs from idmapped layers")
                + ") -> shim " + dirs.spec();
    }
}
