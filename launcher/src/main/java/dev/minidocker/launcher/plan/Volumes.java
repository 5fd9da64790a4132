package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.RuntimeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code -v} and {@code --tmpfs} as Docker reads them, turned into runtime mounts. */
public final class Volumes {
    /** Docker's words for a mount over the container's root ({@code /}, {@code //}, {@code /..}). */
    private static final String TARGET_IS_ROOT = "invalid specification: destination can't be '/'";

    private Volumes() {
    }

    private static boolean isRoot(String destination) {
        return Path.of(destination).normalize().getNameCount() == 0;
    }

    /** {@code /host:/ctr[:ro|rw]} -> a recursive bind, read-only with {@code ro}. */
    public static RuntimeSpec.Mount bind(String spec) throws LaunchException {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new LaunchException("invalid volume specification: '" + spec + "': want /host/path:/container/path[:ro]");
        }
        if (!parts[0].startsWith("/")) {
            throw new LaunchException("invalid volume specification: '" + spec
                    + "': named volumes are not supported, give an absolute host path");
        }
        if (!parts[1].startsWith("/")) {
            throw new LaunchException("invalid volume specification: '" + spec
                    + "': the container path must be absolute");
        }
        if (isRoot(parts[1])) {
            // Over the container's root, every other mount (its /proc, /sys/fs/cgroup) would fail or be hidden.
            throw new LaunchException("invalid volume specification: '" + spec
                    + "': invalid mount config for type \"bind\": " + TARGET_IS_ROOT);
        }
        List<String> options = new ArrayList<>(List.of("rbind"));
        if (parts.length == 3) {
            for (String o : parts[2].split(",")) {
                switch (o) {
                    case "ro" -> options.add("ro");
                    case "rw", "z", "Z" -> { }
                    default -> throw new LaunchException("invalid volume specification: '" + spec
                            + "': unknown option '" + o + "'");
                }
            }
        }
        return new RuntimeSpec.Mount(parts[1], "bind", parts[0], List.copyOf(options));
    }

    /** {@code /path[:options]} -> a tmpfs with Docker's defaults (noexec, nosuid, nodev) unless options say. */
    static RuntimeSpec.Mount tmpfs(String spec) throws LaunchException {
        int colon = spec.indexOf(':');
        String path = colon < 0 ? spec : spec.substring(0, colon);
        if (!path.startsWith("/")) {
            throw new LaunchException("invalid tmpfs specification: '" + spec + "': the path must be absolute");
        }
        if (isRoot(path)) {
            throw new LaunchException("invalid tmpfs specification: '" + spec + "': " + TARGET_IS_ROOT);
        }
        List<String> options = colon < 0 ? List.of("noexec", "nosuid", "nodev")
                : List.of(spec.substring(colon + 1).split(","));
        return new RuntimeSpec.Mount(path, "tmpfs", "tmpfs", options);
    }
}
