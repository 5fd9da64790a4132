package dev.minidocker.launcher.plan;

import dev.minidocker.store.container.ContainerRecord.MountPoint;
import java.util.List;

/**
 * A container's binds, volumes and tmpfs mounts as data: what its record keeps, what its spec
 * mounts, and the volumes that must exist (made, and seeded from the image, when it is created).
 *
 * @param points the binds and volumes, by destination, as the record keeps them
 * @param tmpfs {@code --tmpfs} and {@code --mount type=tmpfs}, as {@code /path[:options]}
 * @param volumes the volumes to make if missing
 */
public record MountPlan(List<MountPoint> points, List<String> tmpfs, List<VolumeUse> volumes) {
    public MountPlan {
        points = List.copyOf(points);
        tmpfs = List.copyOf(tmpfs);
        volumes = List.copyOf(volumes);
    }

    /**
     * A volume the container mounts.
     *
     * @param anonymous made for this container alone (removed with it by {@code rm -v} and {@code --rm})
     * @param copy whether a new, empty volume gets the image's content at {@code destination} first
     */
    public record VolumeUse(String name, boolean anonymous, boolean copy, String destination) {
    }
}
