package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.RuntimeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code -v}, {@code --mount} and {@code --tmpfs} as Docker reads them. */
public final class Volumes {
    /** Docker's words for a mount over the container's root ({@code /}, {@code //}, {@code /..}). */
    private static final String TARGET_IS_ROOT = "invalid specification: destination can't be '/'";
    private static final Set<String> PROPAGATIONS = Set.of("shared", "rshared", "slave", "rslave", "private",
            "rprivate");
    private static final long OCTAL_MODE_BITS = 07777;

    private Volumes() {
    }

    private static boolean isRoot(String destination) {
        return Path.of(destination).normalize().getNameCount() == 0;
    }

    /**
     * {@code ./dir:/x} and {@code .:/x} with the host path made absolute against {@code cwd}, as
     * Docker's CLI does since 23 (docker/cli#3469); every other {@code -v} as it is ({@code ../x}
     * stays a name, which the volume name rule refuses, as Docker's does).
     */
    public static String absolute(String spec, Path cwd) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return spec;
        }
        String host = spec.substring(0, colon);
        if (!host.equals(".") && !host.startsWith("./")) {
            return spec;
        }
        return cwd.resolve(host).normalize() + spec.substring(colon);
    }

    /**
     * {@code -v}: {@code /host:/ctr[:opts]} a bind, {@code NAME:/ctr[:opts]} a named volume,
     * {@code /ctr[:opts]} an anonymous one; opts are {@code ro}, {@code rw}, {@code nocopy}, SELinux's
     * {@code z}/{@code Z} (accepted, nothing to relabel) and a propagation (runc's default kept).
     */
    public static MountRequest volume(String spec) throws LaunchException {
        String[] parts = spec.split(":", -1);
        String source;
        String destination;
        String mode = "";
        if (parts.length == 1) {
            source = null;
            destination = parts[0];
        } else if (parts.length == 2 && !parts[1].startsWith("/") && validMode(parts[1])) {
            source = null;
            destination = parts[0];
            mode = parts[1];
        } else if (parts.length == 2 || parts.length == 3) {
            source = parts[0];
            destination = parts[1];
            mode = parts.length == 3 ? parts[2] : "";
        } else {
            throw new LaunchException("invalid volume specification: '" + spec + "'");
        }
        if (destination.isEmpty() || source != null && source.isEmpty()) {
            throw new LaunchException("invalid volume specification: '" + spec + "'");
        }
        String type = source != null && source.startsWith("/") ? "bind" : "volume";
        if (!destination.startsWith("/")) {
            throw new LaunchException("invalid volume specification: '" + spec + "': invalid mount config for type \""
                    + type + "\": invalid mount path: '" + destination + "' mount path must be absolute");
        }
        if (isRoot(destination)) {
            // Over the container's root, every other mount (its /proc, /sys/fs/cgroup) would fail or be hidden.
            throw new LaunchException("invalid volume specification: '" + spec + "': invalid mount config for type \""
                    + type + "\": " + TARGET_IS_ROOT);
        }
        boolean readOnly = false;
        boolean copy = true;
        for (String o : mode.isEmpty() ? new String[0] : mode.split(",")) {
            if (!validMode(o) || o.equals("nocopy") && type.equals("bind")) {
                throw new LaunchException("invalid volume specification: '" + spec + "': invalid mode: " + mode);
            }
            readOnly |= o.equals("ro");
            copy &= !o.equals("nocopy");
        }
        return new MountRequest(type, source, destination, readOnly, copy, List.of());
    }

    private static boolean validMode(String mode) {
        for (String o : mode.split(",")) {
            if (!List.of("ro", "rw", "z", "Z", "nocopy").contains(o) && !PROPAGATIONS.contains(o)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code --mount type=bind|volume|tmpfs,src=,dst=,...} with Docker's keys: {@code source}/{@code src},
     * {@code target}/{@code destination}/{@code dst}, {@code readonly}/{@code ro}, {@code volume-nocopy},
     * {@code bind-propagation}, {@code tmpfs-size}, {@code tmpfs-mode}, {@code consistency}; type volume by default.
     */
    public static MountRequest mount(String csv) throws LaunchException {
        String type = "volume";
        String source = null;
        String target = null;
        boolean readOnly = false;
        boolean copy = true;
        String prefixUsed = null;
        List<String> tmpfsOptions = new ArrayList<>();
        for (String field : csv.split(",")) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : field.substring(eq + 1);
            boolean flag = List.of("readonly", "ro", "volume-nocopy", "bind-nonrecursive").contains(key);
            if (value == null && !flag) {
                throw mountError(csv, "invalid field '" + field + "' must be a key=value pair");
            }
            switch (key) {
                case "type" -> type = value;
                case "source", "src" -> source = value;
                case "target", "destination", "dst" -> target = value;
                case "readonly", "ro" -> readOnly = bool(csv, key, value);
                case "volume-nocopy" -> copy = !bool(csv, key, value);
                case "consistency", "bind-propagation", "bind-nonrecursive" -> {
                    if (key.equals("bind-propagation") && !PROPAGATIONS.contains(value)) {
                        throw mountError(csv, "invalid value for " + key + ": " + value);
                    }
                }
                case "tmpfs-size" -> tmpfsOptions.add("size=" + value);
                case "tmpfs-mode" -> tmpfsOptions.add("mode=" + octalMode(csv, value));
                default -> throw mountError(csv, "unexpected key '" + key + "' in '" + field + "'");
            }
            if (key.startsWith("volume-") || key.startsWith("bind-") || key.startsWith("tmpfs-")) {
                prefixUsed = key.substring(0, key.indexOf('-'));
            }
        }
        if (!List.of("bind", "volume", "tmpfs").contains(type)) {
            throw mountError(csv, "invalid mount config for type \"" + type + "\": mount type unknown");
        }
        if (prefixUsed != null && !prefixUsed.equals(type)) {
            throw mountError(csv, "cannot mix '" + prefixUsed + "-*' options with mount type '" + type + "'");
        }
        if (target == null || target.isEmpty()) {
            throw mountError(csv, "target is required");
        }
        String config = "invalid mount config for type \"" + type + "\": ";
        if (!target.startsWith("/")) {
            throw mountError(csv, config + "invalid mount path: '" + target + "' mount path must be absolute");
        }
        if (isRoot(target)) {
            throw mountError(csv, config + TARGET_IS_ROOT);
        }
        if (source != null && source.isEmpty()) {
            source = null;
        }
        switch (type) {
            case "bind" -> {
                if (source == null) {
                    throw mountError(csv, config + "field Source must not be empty");
                }
                if (!source.startsWith("/")) {
                    throw mountError(csv, config + "invalid mount path: '" + source + "' mount path must be absolute");
                }
                // Unlike -v's, --mount's bind source is never made: Docker refuses a missing one.
                if (!Files.exists(Path.of(source))) {
                    throw mountError(csv, config + "bind source path does not exist: " + source);
                }
            }
            case "tmpfs" -> {
                if (source != null) {
                    throw mountError(csv, config + "field Source must not be specified");
                }
                if (readOnly) {
                    tmpfsOptions.add("ro");
                }
                tmpfsOptions.addAll(List.of("noexec", "nosuid", "nodev"));
            }
            default -> {
                if (source != null && source.startsWith("/")) {
                    throw mountError(csv, config + "invalid mount path: '" + source + "' is not a volume name");
                }
            }
        }
        return new MountRequest(type, source, target, readOnly, copy, tmpfsOptions);
    }

    private static boolean bool(String csv, String key, String value) throws LaunchException {
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw mountError(csv, "invalid value for " + key + ": " + value);
        };
    }

    private static String octalMode(String csv, String value) throws LaunchException {
        try {
            long mode = Long.parseLong(value, 8);
            if ((mode & ~OCTAL_MODE_BITS) != 0) {
                throw new NumberFormatException(value);
            }
            return Long.toOctalString(mode);
        } catch (NumberFormatException e) {
            throw mountError(csv, "invalid value for tmpfs-mode: " + value);
        }
    }

    private static LaunchException mountError(String csv, String detail) {
        return new LaunchException("invalid argument \"" + csv + "\" for \"--mount\" flag: " + detail);
    }

    /** A bind or a volume's files at the mount point's destination: a recursive bind, read-only with {@code ro}. */
    static RuntimeSpec.Mount bind(String destination, String source, boolean readOnly) {
        return new RuntimeSpec.Mount(destination, "bind", source, readOnly ? List.of("rbind", "ro") : List.of("rbind"));
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
