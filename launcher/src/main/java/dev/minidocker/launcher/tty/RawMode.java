package dev.minidocker.launcher.tty;

import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Terminal;
import dev.minidocker.linux.Termios;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A terminal switched to raw mode, restored once: by {@link #restore()} or, should the JVM end first
 * (SIGTERM, SIGINT, SIGHUP, System.exit), by a shutdown hook, so the user's terminal is left sane.
 */
final class RawMode {
    private final int fd;
    private final Termios saved;
    private final AtomicBoolean restored = new AtomicBoolean();
    private final Thread hook;

    private RawMode(int fd, Termios saved) {
        this.fd = fd;
        this.saved = saved;
        this.hook = new Thread(this::restoreAtExit, "minidocker-restore-terminal");
    }

    static RawMode enter(int fd) throws LinuxException {
        RawMode mode = new RawMode(fd, Terminal.attributes(fd));
        Runtime.getRuntime().addShutdownHook(mode.hook); // first, so no signal can leave the terminal raw
        try {
            Terminal.makeRaw(fd);
        } catch (LinuxException e) {
            Runtime.getRuntime().removeShutdownHook(mode.hook);
            throw e;
        }
        return mode;
    }

    /** Puts the saved settings back, the first time only. */
    void restore() throws LinuxException {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs now or has run
        }
        restoreOnce();
    }

    private void restoreOnce() throws LinuxException {
        if (restored.compareAndSet(false, true)) {
            Terminal.restore(fd, saved);
        }
    }

    private void restoreAtExit() {
        try {
            restoreOnce();
        } catch (LinuxException e) {
            System.err.println("minidocker: restore terminal: " + e.getMessage());
        }
    }
}
