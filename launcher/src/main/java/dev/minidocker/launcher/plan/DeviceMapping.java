package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Path;

/**
 * {@code --device HOST[:CONTAINER][:PERMISSIONS]}: a host device node (or a directory of them) made
 * in the container and allowed in its device cgroup, as Docker's CLI reads the flag.
 *
 * @param pathOnHost      the node or directory on the host
 * @param pathInContainer where it goes in the container; the host path by default
 * @param permissions     some of "rwm"; "rwm" by default
 */
public record DeviceMapping(String pathOnHost, String pathInContainer, String permissions) {

    /** Docker's syntax and words (docker/cli opts.ValidateDevice, parseDevice). */
    public static DeviceMapping parse(String text) throws LaunchException {
        String[] parts = text.split(":", -1);
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw invalid(text, "bad format for path: " + text);
        }
        String host = parts[0];
        String container = host;
        String permissions = "rwm";
        if (parts.length == 2 && validPermissions(parts[1])) {
            permissions = parts[1];
        } else if (parts.length >= 2) {
            container = parts[1];
        }
        if (parts.length == 3) {
            if (!validPermissions(parts[2])) {
                throw invalid(text, "bad mode specified: " + parts[2]);
            }
            permissions = parts[2];
        }
        if (!container.startsWith("/")) {
            throw invalid(text, container + " is not an absolute path");
        }
        return new DeviceMapping(host, Path.of(container).normalize().toString(), permissions);
    }

    /** Each of r, w, m at most once. */
    private static boolean validPermissions(String mode) {
        return !mode.isEmpty() && mode.matches("[rwm]+") && mode.chars().distinct().count() == mode.length();
    }

    private static LaunchException invalid(String text, String detail) {
        return new LaunchException("invalid argument \"" + text + "\" for \"--device\" flag: " + detail);
    }
}
