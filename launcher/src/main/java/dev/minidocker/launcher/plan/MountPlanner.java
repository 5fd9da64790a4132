package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerRecord.MountPoint;
import dev.minidocker.store.volume.VolumeStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans a container's mounts as Docker's daemon does: the user's ({@code -v}, {@code --mount},
 * {@code --tmpfs}) first, each destination once; then those of {@code --volumes-from} containers;
 * then the image's VOLUMEs, each an anonymous volume, where nothing else is mounted.
 */
public final class MountPlanner {
    private MountPlanner() {
    }

    /** Finds a container by name or id, as {@code --volumes-from} names it; throws {@code No such container}. */
    @FunctionalInterface
    public interface Containers {
        ContainerRecord find(String nameOrId) throws LaunchException, StoreException;
    }

    /**
     * @param imageVolumes the image's VOLUME paths (none for a directory run)
     * @param volumeData where a volume's files are, by its name
     */
    public static MountPlan plan(RunOptions options, Set<String> imageVolumes, Containers containers,
            Function<String, Path> volumeData) throws LaunchException, StoreException {
        List<MountRequest> requests = new ArrayList<>();
        for (String v : options.binds()) {
            requests.add(Volumes.volume(v));
        }
        for (String m : options.mounts()) {
            requests.add(Volumes.mount(m));
        }
        Set<String> taken = new HashSet<>();
        List<String> tmpfs = new ArrayList<>();
        for (String t : options.tmpfs()) {
            String destination = Volumes.tmpfs(t).destination();
            claim(taken, destination);
            tmpfs.add(t);
        }
        List<MountPoint> points = new ArrayList<>();
        List<MountPlan.VolumeUse> volumes = new ArrayList<>();
        for (MountRequest r : requests) {
            claim(taken, r.destination());
            if (r.type().equals("tmpfs")) {
                tmpfs.add(r.destination() + ":" + String.join(",", r.tmpfsOptions()));
            } else {
                add(r, points, volumes, volumeData);
            }
        }
        for (String from : options.volumesFrom()) {
            int colon = from.lastIndexOf(':');
            String mode = colon < 0 ? "" : from.substring(colon + 1);
            if (!mode.isEmpty() && !mode.equals("ro") && !mode.equals("rw")) {
                throw new LaunchException("invalid mode for volumes-from: " + mode);
            }
            ContainerRecord source = containers.find(colon < 0 ? from : from.substring(0, colon));
            for (MountPoint p : source.hostConfig().mounts()) {
                if (taken.add(normal(p.destination()))) {
                    boolean readOnly = mode.isEmpty() ? p.readOnly() : mode.equals("ro");
                    points.add(new MountPoint(p.type(), p.name(), p.source(), p.destination(), readOnly));
                }
            }
        }
        for (String path : imageVolumes) {
            if (taken.add(normal(path))) {
                add(MountRequest.anonymous(path), points, volumes, volumeData);
            }
        }
        return new MountPlan(points, tmpfs, volumes);
    }

    /** The image's VOLUME paths, as its config lists them (a map whose values are empty objects). */
    public static Set<String> imageVolumes(Map<String, Object> volumes) {
        return volumes == null ? Set.of() : new java.util.TreeSet<>(volumes.keySet());
    }

    private static void add(MountRequest r, List<MountPoint> points, List<MountPlan.VolumeUse> volumes,
            Function<String, Path> volumeData) throws LaunchException {
        if (r.type().equals("bind")) {
            points.add(new MountPoint(MountPoint.BIND, null, r.source(), r.destination(), r.readOnly()));
            return;
        }
        String name = r.source() == null ? VolumeStore.drawName() : r.source();
        try {
            VolumeStore.checkName(name);
        } catch (StoreException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        points.add(new MountPoint(MountPoint.VOLUME, name, volumeData.apply(name).toString(), r.destination(),
                r.readOnly()));
        volumes.add(new MountPlan.VolumeUse(name, r.source() == null, r.copy(), r.destination()));
    }

    private static void claim(Set<String> taken, String destination) throws LaunchException {
        if (!taken.add(normal(destination))) {
            throw new LaunchException("Duplicate mount point: " + destination);
        }
    }

    private static String normal(String destination) {
        return Path.of(destination).normalize().toString();
    }
}
