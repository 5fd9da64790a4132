package dev.minidocker.linux;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pseudo-terminal from {@link Terminal#openPty()}: the master fd, which this process reads and
 * writes, and the path of the slave that the container (or an exec'd command) gets as its terminal.
 */
public final class Pty implements AutoCloseable {
    private final int master;
    private final Path slave;
    private final AtomicBoolean closed = new AtomicBoolean();

    Pty(int master, Path slave) {
        this.master = master;
        this.slave = slave;
    }

    public int master() {
        return master;
    }

    /** {@code /dev/pts/N}, or where this process reaches a container's. */
    public Path slave() {
        return slave;
    }

    /** Closes the master, once; the slave side then reads EOF and writes fail with EIO. */
    @Override
    public void close() throws LinuxException {
        if (closed.compareAndSet(false, true)) {
            Terminal.close(master);
        }
    }

    @Override
    public String toString() {
        return "pty " + slave + " (master fd " + master + ")";
    }
}
