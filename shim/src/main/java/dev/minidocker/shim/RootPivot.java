package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import java.nio.file.Path;

/**
 * Step 8: the hostname, then runc's pivot_root recipe, which needs no directory for the old root:
 * open the old and the new root, fchdir into the new, {@code pivot_root(".", ".")} (the old root is
 * now stacked under the new), fchdir to the old, make it a slave so that the unmount does not
 * propagate to the host, detach it, chdir to "/".
 */
final class RootPivot {
    private static final Path DOT = Path.of(".");
    private static final Path SLASH = Path.of("/");

    private RootPivot() {
    }

    static void sethostname(Syscalls sys, String hostname, Narrator say) throws SetupException {
        if (hostname == null || hostname.isEmpty()) {
            return;
        }
        say.say("sethostname " + hostname);
        attempt("sethostname", hostname, () -> sys.sethostname(hostname));
    }

    static void pivot(Syscalls sys, Path rootfs, Narrator say) throws SetupException {
        say.say("pivot_root into " + rootfs + ", then detach the host's root from under it");
        int oldRoot = attempt("open", SLASH, () -> sys.openDirectory(SLASH));
        int newRoot = attempt("open", rootfs, () -> sys.openDirectory(rootfs));
        try {
            attempt("fchdir", rootfs, () -> sys.fchdir(newRoot));
            attempt("pivot_root", rootfs, () -> sys.pivotRoot(DOT, DOT));
            attempt("fchdir", "old root", () -> sys.fchdir(oldRoot));
            attempt("make old root rslave", "old root",
                    () -> sys.mount(null, DOT, null, Syscalls.MS_SLAVE | Syscalls.MS_REC, null));
            attempt("umount", "old root", () -> sys.unmount(DOT, Syscalls.MNT_DETACH));
            attempt("chdir", SLASH, () -> sys.chdir(SLASH));
        } finally {
            close(sys, oldRoot);
            close(sys, newRoot);
        }
    }

    /** Remounts the new "/" read-only, keeping its other flags. */
    static void remountReadonly(Syscalls sys, Narrator say) throws SetupException {
        say.say("remount / read-only");
        Mounts.remount(sys, SLASH, Syscalls.MS_RDONLY, "remount / read-only");
    }

    private static void close(Syscalls sys, int fd) {
        try {
            sys.close(fd);
        } catch (LinuxException e) {
            // Nothing to do: the descriptor is not ours any more and execve would close it.
        }
    }
}
