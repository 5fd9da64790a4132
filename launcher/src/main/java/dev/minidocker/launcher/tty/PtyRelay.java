package dev.minidocker.launcher.tty;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Pty;
import dev.minidocker.linux.Terminal;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Attaches the user to a container's pseudo-terminal, as {@code docker run -t} does: host input to the
 * master and the master to host output on two threads, the user's terminal in raw mode while attached
 * (so ^C and ^Z reach the container as bytes), and the window size passed on at start and on every
 * SIGWINCH. Output ends when the container side is closed everywhere (EIO on the master).
 *
 * <p>The relay owns the {@link Pty}. The master is closed once the relay is closed <em>and</em> the
 * output copy has ended, never earlier, so no thread ever reads or writes an fd number that the
 * process has since reused; every other use of the master holds this relay's lock.
 */
public final class PtyRelay implements AutoCloseable {
    static final String NOT_A_TTY = "the input device is not a TTY";
    private static final Signal WINCH = new Signal("WINCH");

    private final Pty pty;
    private final HostStreams host;
    private final Thread output;
    private final Thread input;
    private final AtomicReference<LaunchException> failure = new AtomicReference<>();
    private RawMode rawMode;
    private SignalHandler previousWinch;
    private boolean closed; // guarded by this
    private boolean outputRunning; // guarded by this

    private PtyRelay(Pty pty, HostStreams host) {
        this.pty = pty;
        this.host = host;
        this.output = daemon(this::copyOutput, "minidocker-pty-output");
        this.input = host.input() == null ? null : daemon(this::copyInput, "minidocker-pty-input");
    }

    /** Docker's refusal of {@code -i -t} when stdin is not a terminal ({@code echo hi | docker run -it}). */
    public static void requireTerminalInput() throws LaunchException {
        requireTerminalInput(0);
    }

    static void requireTerminalInput(int fd) throws LaunchException {
        if (!Terminal.isTerminal(fd)) {
            throw new LaunchException(NOT_A_TTY);
        }
    }

    /** Starts relaying between {@code pty} and this process's stdin (when {@code attachInput}) and stdout. */
    public static PtyRelay start(Pty pty, boolean attachInput) throws LaunchException {
        return start(pty, HostStreams.system(attachInput));
    }

    public static PtyRelay start(Pty pty, HostStreams host) throws LaunchException {
        PtyRelay relay = new PtyRelay(pty, host);
        try {
            relay.attach();
        } catch (LinuxException e) {
            relay.close();
            throw new LaunchException("attach to " + pty.slave() + ": " + e.getMessage(), e);
        }
        return relay;
    }

    private void attach() throws LinuxException {
        if (Terminal.isTerminal(host.outputFd())) {
            resize();
            try {
                previousWinch = Signal.handle(WINCH, signal -> resizeQuietly());
            } catch (IllegalArgumentException taken) {
                // the VM will not hand SIGWINCH to Java: the size stays as it was at start
            }
        }
        if (input != null && Terminal.isTerminal(host.inputFd())) {
            rawMode = RawMode.enter(host.inputFd());
        }
        synchronized (this) {
            outputRunning = true;
        }
        output.start();
        if (input != null) {
            input.start();
        }
    }

    /** Copies the host window size to the pty; the kernel signals the container's foreground group. */
    synchronized void resize() throws LinuxException {
        if (!closed) {
            Terminal.setWindowSize(pty.master(), Terminal.windowSize(host.outputFd()));
        }
    }

    private void resizeQuietly() {
        try {
            resize();
        } catch (LinuxException e) {
            // the container side is gone or the host terminal went away: nothing to follow
        }
    }

    /**
     * Waits until the container side has closed the terminal everywhere and its output is written, so
     * call it after the container exits and before {@link #close()}; false if {@code timeout} passed.
     * Throws if a copy failed for another reason than the container side closing.
     */
    public boolean awaitOutput(Duration timeout) throws LaunchException, InterruptedException {
        boolean ended = output.join(timeout);
        LaunchException e = failure.get();
        if (e != null) {
            throw e;
        }
        return ended;
    }

    private void copyOutput() {
        byte[] buf = new byte[32 * 1024];
        try {
            for (int n; (n = Terminal.read(pty.master(), buf)) > 0 && !isClosed(); ) {
                host.output().write(buf, 0, n);
                host.output().flush();
            }
        } catch (IOException e) {
            fail("copy output of", e);
        } finally {
            synchronized (this) {
                outputRunning = false;
                closeMasterIfDone();
            }
        }
    }

    private void copyInput() {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = host.input().read(buf)) >= 0; ) {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    Terminal.write(pty.master(), buf, n);
                }
            }
        } catch (IOException e) {
            fail("copy input to", e);
        }
    }

    private void fail(String action, IOException e) {
        if (!(e instanceof LinuxException le && le.is(Errno.EIO))) {
            failure.compareAndSet(null, new LaunchException(action + " " + pty.slave() + ": " + e.getMessage(), e));
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops relaying, restores the user's terminal and SIGWINCH handling, and closes the master. */
    @Override
    public void close() throws LaunchException {
        boolean outputBusy;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            outputBusy = outputRunning;
        }
        if (previousWinch != null) {
            Signal.handle(WINCH, previousWinch);
        }
        if (outputBusy) {
            hangUpIfUnused();
        }
        try {
            if (rawMode != null) {
                rawMode.restore();
            }
            synchronized (this) {
                closeMasterIfDone();
            }
        } catch (LinuxException e) {
            throw new LaunchException("detach from " + pty.slave() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens and closes the slave: if nothing else holds it (the container never started, or has
     * ended), the master then reads EIO and the output copy ends, which lets the master be closed.
     */
    private void hangUpIfUnused() {
        try {
            Terminal.close(Terminal.open(pty.slave()));
        } catch (LinuxException e) {
            // the pty is already gone
        }
    }

    private void closeMasterIfDone() {
        if (closed && !outputRunning) {
            try {
                pty.close();
            } catch (LinuxException e) {
                failure.compareAndSet(null, new LaunchException("close " + pty + ": " + e.getMessage(), e));
            }
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
