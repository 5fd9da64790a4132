package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.Linux;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Step 7: masked paths (a bind of /dev/null over a file, an empty read-only tmpfs over a directory)
 * and read-only paths (bound onto themselves, then remounted read-only). Absent paths are skipped.
 */
final class Masks {
    private Masks() {
    }

    static void apply(Syscalls sys, Path rootfs, Linux linux, Narrator say) throws SetupException {
        if (!linux.maskedPaths().isEmpty()) {
            say.say("mask " + String.join(" ", linux.maskedPaths()));
        }
        Path devNull = Mounts.resolve(rootfs, "/dev/null");
        for (String masked : linux.maskedPaths()) {
            Path path = existing(rootfs, masked);
            if (path == null) {
                continue;
            }
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                attempt("mask", path, () -> sys.mount("tmpfs", path, "tmpfs", Syscalls.MS_RDONLY, null));
            } else {
                attempt("mask", path, () -> sys.mount(devNull.toString(), path, null, Syscalls.MS_BIND, null));
            }
        }
        if (!linux.readonlyPaths().isEmpty()) {
            say.say("make read-only " + String.join(" ", linux.readonlyPaths()));
        }
        for (String readonly : linux.readonlyPaths()) {
            Path path = existing(rootfs, readonly);
            if (path == null) {
                continue;
            }
            attempt("bind read-only path", path,
                    () -> sys.mount(path.toString(), path, null, Syscalls.MS_BIND | Syscalls.MS_REC, null));
            Mounts.remount(sys, path, Syscalls.MS_RDONLY, "remount read-only");
        }
    }

    private static Path existing(Path rootfs, String path) throws SetupException {
        Path resolved = Mounts.resolve(rootfs, path);
        return Files.exists(resolved, LinkOption.NOFOLLOW_LINKS) ? resolved : null;
    }
}
