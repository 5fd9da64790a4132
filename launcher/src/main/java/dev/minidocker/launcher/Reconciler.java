package dev.minidocker.launcher;

import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStatus;
import dev.minidocker.store.container.ContainerStore;

/**
 * Makes the records true again after something was killed: a container recorded as running whose
 * monitor is gone (checked by pid and start time) has exited; its exit status is what the monitor
 * wrote, its cgroup is removed, and {@code --rm} containers are removed. Every command runs this
 * first, so no daemon is needed to notice.
 */
public final class Reconciler {
    private final Launcher launcher;
    private final ContainerStore containers;

    public Reconciler(Launcher launcher, ContainerStore containers) {
        this.launcher = launcher;
        this.containers = containers;
    }

    public void reconcile() throws StoreException, LaunchException {
        for (ContainerRecord c : containers.all()) {
            if (c.state().status() == ContainerStatus.RUNNING
                    && !ProcStat.alive(c.state().monitorPid(), c.state().monitorStart())) {
                launcher.finish(c.id());
            }
        }
    }
}
