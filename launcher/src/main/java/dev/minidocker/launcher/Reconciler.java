package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStatus;
import dev.minidocker.store.container.ContainerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes the records true again after something was killed: a container recorded as running whose
 * monitor is gone (checked by pid and start time) has exited; its exit status is what the monitor
 * wrote, its cgroup is removed, and {@code --rm} containers are removed. Not while the command
 * that runs it attached lives: that one finishes it, and needs its exit status. A directory left
 * by a run that died before it recorded its container is removed, with its cgroup. Every command
 * runs this first, so no daemon is needed to notice.
 */
public final class Reconciler {
    /** How long a monitor whose launcher died may take to end (its shim notices within a second). */
    private static final Duration MONITOR_GRACE = Duration.ofMinutes(1);

    private final Starter starter;
    private final ContainerStore containers;
    private final Consumer<String> warnings;

    /** {@code warnings}: what could not be made true yet, said without failing the command (the next one tries again). */
    public Reconciler(Starter starter, ContainerStore containers, Consumer<String> warnings) {
        this.starter = starter;
        this.containers = containers;
        this.warnings = warnings;
    }

    public void reconcile() throws StoreException, LaunchException {
        ContainerStore.Listing listing = containers.list();
        Map<String, ContainerRecord> records = new HashMap<>();
        for (ContainerRecord c : listing.records()) {
            records.put(c.id(), c);
            // Ended: its monitor is gone, or has recorded the exit (and may still be running the exit
            // command that does the same as this).
            if (c.state().status() == ContainerStatus.RUNNING
                    && (!ProcStat.alive(c.state().monitorPid(), c.state().monitorStart())
                            || Files.exists(starter.dirs(c.id()).exitFile()))
                    && !launcherAlive(starter.dirs(c.id()))) {
                starter.finish(c.id());
                // Finished here or by its exit command meanwhile: the records read are no longer the store's.
                containers.forget();
            }
        }
        for (String id : listing.unrecorded()) {
            if (abandoned(starter.dirs(id))) {
                // Its monitor may have started before the record, its child born in a cgroup made for it.
                Cgroup cgroup = starter.cgroup(id);
                cgroup.killAll(Cgroup.SIGKILL);
                cgroup.delete();
                containers.delete(id);
            }
        }
        leaveNetworks(records);
    }

    /**
     * Takes every container that no longer runs off its networks: one whose monitor was killed, whose
     * release failed, or that ran before a reboot. A container being planned or started (its command,
     * named in launcher.pid, alive) counts as running.
     */
    private void leaveNetworks(Map<String, ContainerRecord> records) {
        try {
            // The records were read before the endpoints: a container that another command started
            // meanwhile (its record running, its launcher.pid gone) is read again before it is let go.
            starter.networking().reconcile(id -> runs(records.get(id)) || launcherAlive(starter.dirs(id))
                    || runs(current(id)));
        } catch (LaunchException e) {
            warnings.accept(e.getMessage());
        }
    }

    private static boolean runs(ContainerRecord c) {
        return c != null && c.state().status() == ContainerStatus.RUNNING
                && ProcStat.alive(c.state().monitorPid(), c.state().monitorStart());
    }

    /** The container's record as the store has it now; null when it has none (or it cannot be read). */
    private ContainerRecord current(String id) {
        try {
            return containers.get(id).orElse(null);
        } catch (StoreException e) {
            return null;
        }
    }

    /** Whether the process that launcher.pid names still runs; not when it wrote none, or a torn one. */
    static boolean launcherAlive(ContainerDirs dirs) {
        try {
            String[] launcher = Files.readString(dirs.launcherPid()).trim().split(" ");
            return ProcStat.alive(Long.parseLong(launcher[0]), Long.parseLong(launcher[1]));
        } catch (IOException | RuntimeException noLauncher) {
            return false;
        }
    }

    /**
     * A directory without a record belongs to a run still planning its container unless that run
     * is gone: the process its launcher.pid names has ended (or it wrote none), and the monitor has
     * ended too (it wrote the exit file) or has had a minute to.
     */
    static boolean abandoned(ContainerDirs dirs) {
        if (launcherAlive(dirs)) {
            return false;
        }
        try {
            return Files.exists(dirs.exitFile()) || Files.getLastModifiedTime(dirs.dir()).toInstant()
                    .isBefore(Instant.now().minus(MONITOR_GRACE));
        } catch (IOException e) {
            return false;
        }
    }
}
