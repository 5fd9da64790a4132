package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.ContainerDirs;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.store.container.ContainerRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * A container as data, before anything of it exists: the record the commands show, the runtime
 * spec its shim carries out (its limits included), the limits its cgroup gets, and the files it
 * is given. {@code run --dry-run} prints the spec; {@code Starter} writes and starts the rest.
 *
 * @param dirs where its files go
 * @param network its networking: its hosts and resolv.conf among them
 * @param mounts its binds and volumes, and the volumes to make
 * @param imageLayers the image's layer directories, topmost first (a directory run's root alone): what
 *     new volumes are seeded from
 */
public record ContainerPlan(ContainerRecord record, ContainerDirs dirs, RuntimeSpec spec, Resources resources,
        NetworkPlan network, MountPlan mounts, List<Path> imageLayers) {

    /** The same plan under another name: a drawn name that another container took is drawn again. */
    public ContainerPlan withName(String name) {
        return new ContainerPlan(record.withName(name), dirs, spec, resources, network, mounts, imageLayers);
    }

    /** Its /etc/hostname. */
    public String hostname() {
        return record.config().hostname() + "\n";
    }
}
