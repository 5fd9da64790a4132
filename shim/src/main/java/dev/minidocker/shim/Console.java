package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Step 3: the pty slave becomes the container's controlling terminal and its stdin, stdout and
 * stderr: TIOCSCTTY (the monitor made this process the leader of a session of its own), dup3 onto
 * 0, 1 and 2.
 */
final class Console {
    private Console() {
    }

    /**
     * The pty slave this process already has as stdin, when the monitor opened it (a detached
     * {@code -t} container); null when stdin is no pty. It is still bound on /dev/console, so that
     * ttyname(3) finds the terminal inside the container's own /dev/pts.
     */
    static Path inherited() {
        try {
            Path stdin = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            return stdin.startsWith("/dev/pts/") ? stdin : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    static void attach(Syscalls sys, Path slave, Narrator say) throws SetupException {
        say.say("make " + slave + " the controlling terminal and stdin/stdout/stderr");
        int fd = attempt("open console", slave, () -> sys.open(slave, Syscalls.O_RDWR));
        attempt("make controlling terminal", slave, () -> sys.ioctl(fd, Syscalls.TIOCSCTTY, 0));
        for (int std = 0; std <= 2; std++) {
            int target = std;
            attempt("dup3 console onto fd " + std, slave, () -> sys.dup3(fd, target));
        }
        attempt("close", slave, () -> sys.close(fd));
    }
}
