package dev.minidocker.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * Terminals and raw fds through the one syscall(2) handle: pseudo-terminals, raw mode, window size,
 * and read/write/close on an int fd, which the JDK cannot wrap in a stream.
 */
public final class Terminal {
    private static final int AT_FDCWD = -100;
    private static final int O_RDWR = 02;
    private static final int O_NOCTTY = 0400;
    private static final int O_CLOEXEC = 02000000;

    private static final long TCGETS = 0x5401;
    private static final long TCSETS = 0x5402;
    private static final long TIOCGWINSZ = 0x5413;
    private static final long TIOCSWINSZ = 0x5414;
    private static final long TIOCGPTN = 0x80045430L;
    private static final long TIOCSPTLCK = 0x40045431L;

    private static final Path PTMX = Path.of("/dev/ptmx");

    private Terminal() {
    }

    /** A new pseudo-terminal of the host's: opens /dev/ptmx, unlocks the slave and finds its number. */
    public static Pty openPty() throws LinuxException {
        return openPty(PTMX, Path.of("/dev/pts"));
    }

    /**
     * A new pseudo-terminal of the devpts instance whose multiplexer is {@code ptmx} and whose slaves
     * are in {@code pts}: a container's own, reached through its root, gives a terminal that is
     * {@code /dev/pts/N} inside the container.
     */
    public static Pty openPty(Path ptmx, Path pts) throws LinuxException {
        int master = open(ptmx);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(ValueLayout.JAVA_INT);
            ioctl("ioctl TIOCSPTLCK", ptmx, master, TIOCSPTLCK, n.address());
            ioctl("ioctl TIOCGPTN", ptmx, master, TIOCGPTN, n.address());
            return new Pty(master, pts.resolve(Integer.toString(n.get(ValueLayout.JAVA_INT, 0))));
        } catch (LinuxException | RuntimeException e) {
            close(master);
            throw e;
        }
    }

    /** Opens a file (a terminal device, typically) read-write, close-on-exec and never as controlling terminal. */
    public static int open(Path path) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            return (int) NativeSyscalls.instance().call("open", path, SyscallNumber.OPENAT,
                    AT_FDCWD, NativeSyscalls.str(arena, path), O_RDWR | O_NOCTTY | O_CLOEXEC);
        }
    }

    /** True when {@code fd} is a terminal (isatty(3)). */
    public static boolean isTerminal(int fd) {
        try {
            attributes(fd);
            return true;
        } catch (LinuxException e) {
            return false;
        }
    }

    /** tcgetattr(3). */
    public static Termios attributes(int fd) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(Termios.SIZE, Integer.BYTES);
            ioctl("ioctl TCGETS", fd(fd), fd, TCGETS, t.address());
            return new Termios(t.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** Puts the terminal in raw mode (cfmakeraw(3)) and returns the settings it had, for {@link #restore}. */
    public static Termios makeRaw(int fd) throws LinuxException {
        Termios previous = attributes(fd);
        restore(fd, previous.raw());
        return previous;
    }

    /** tcsetattr(3) with TCSANOW: applies {@code settings}, such as those {@link #makeRaw} returned. */
    public static void restore(int fd, Termios settings) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(Termios.SIZE, Integer.BYTES);
            MemorySegment.copy(settings.struct(), 0, t, ValueLayout.JAVA_BYTE, 0, Termios.SIZE);
            ioctl("ioctl TCSETS", fd(fd), fd, TCSETS, t.address());
        }
    }

    public static WindowSize windowSize(int fd) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(ValueLayout.JAVA_SHORT, 4);
            ioctl("ioctl TIOCGWINSZ", fd(fd), fd, TIOCGWINSZ, ws.address());
            return new WindowSize(Short.toUnsignedInt(ws.getAtIndex(ValueLayout.JAVA_SHORT, 0)),
                    Short.toUnsignedInt(ws.getAtIndex(ValueLayout.JAVA_SHORT, 1)));
        }
    }

    /** Sets the size; on a pty the kernel sends SIGWINCH to the slave's foreground process group. */
    public static void setWindowSize(int fd, WindowSize size) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(ValueLayout.JAVA_SHORT, 4);
            ws.setAtIndex(ValueLayout.JAVA_SHORT, 0, (short) size.rows());
            ws.setAtIndex(ValueLayout.JAVA_SHORT, 1, (short) size.columns());
            ioctl("ioctl TIOCSWINSZ", fd(fd), fd, TIOCSWINSZ, ws.address());
        }
    }

    /**
     * read(2) into {@code buf}, retried when interrupted: the count read, or -1 at end of file. A pty
     * master whose slave is closed everywhere fails with EIO instead.
     */
    public static int read(int fd, byte[] buf) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment b = arena.allocate(Math.max(1, buf.length));
            int n = (int) retried("read", fd, SyscallNumber.READ, b.address(), buf.length);
            MemorySegment.copy(b, ValueLayout.JAVA_BYTE, 0, buf, 0, n);
            return n == 0 && buf.length > 0 ? -1 : n;
        }
    }

    /** write(2) of {@code len} bytes of {@code buf}, repeated until all are written. */
    public static void write(int fd, byte[] buf, int len) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment b = arena.allocate(Math.max(1, len));
            MemorySegment.copy(buf, 0, b, ValueLayout.JAVA_BYTE, 0, len);
            for (long done = 0; done < len; ) {
                done += retried("write", fd, SyscallNumber.WRITE, b.address() + done, len - done);
            }
        }
    }

    public static void close(int fd) throws LinuxException {
        NativeSyscalls.instance().call("close", fd(fd), SyscallNumber.CLOSE, fd);
    }

    private static long retried(String name, int fd, SyscallNumber nr, long address, long len)
            throws LinuxException {
        while (true) {
            try {
                return NativeSyscalls.instance().call(name, fd(fd), nr, fd, address, len);
            } catch (LinuxException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    private static void ioctl(String name, Object subject, int fd, long request, long arg)
            throws LinuxException {
        NativeSyscalls.instance().call(name, subject, SyscallNumber.IOCTL, fd, request, arg);
    }

    private static String fd(int fd) {
        return "fd " + fd;
    }
}
