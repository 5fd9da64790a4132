package dev.minidocker.launcher.tty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.Pty;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.linux.Terminal;
import dev.minidocker.linux.Termios;
import dev.minidocker.linux.WindowSize;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/**
 * The "user's terminal" is a second pty, so the tests never touch the terminal of the test JVM; the
 * container is a shell whose stdin, stdout and stderr are the relayed pty's slave.
 */
class PtyRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Screen screen = new Screen();
    private Pty pty;
    private Pty user;
    private int userFd;
    private Pipe keys;
    private OutputStream keyboard;

    @BeforeEach
    void open() throws Exception {
        pty = Terminal.openPty();
        user = Terminal.openPty();
        userFd = Terminal.open(user.slave());
        keys = Pipe.open();
        keyboard = Channels.newOutputStream(keys.sink());
    }

    @AfterEach
    void closeAll() throws Exception {
        keyboard.close();
        keys.source().close();
        Terminal.close(userFd);
        user.close();
        pty.close();
    }

    @Test
    void theContainerSeesTheSizeAndEchoesWhatIsTyped() throws Exception {
        Terminal.setWindowSize(user.master(), new WindowSize(33, 77));
        try (PtyRelay relay = PtyRelay.start(pty, fromUserTerminal())) {
            Process sh = shell("stty size; echo ready; read x; echo got:$x");
            screen.await("ready\r\n");
            type("hello\r");
            assertEquals(0, sh.waitFor());
            assertTrue(relay.awaitOutput(WAIT));
        }
        assertEquals("33 77\r\nready\r\nhello\r\ngot:hello\r\n", screen.text());
    }

    @Test
    void theUserTerminalIsRawWhileAttachedAndRestoredAfter() throws Exception {
        Termios before = Terminal.attributes(userFd);
        PtyRelay relay = PtyRelay.start(pty, fromUserTerminal());
        assertEquals(before.raw(), Terminal.attributes(userFd));
        relay.close();
        assertEquals(before, Terminal.attributes(userFd));
        assertTrue(relay.awaitOutput(WAIT), "a pty that no container opened is hung up at close");
    }

    @Test
    void withoutInputTheUserTerminalStaysCooked() throws Exception {
        Termios before = Terminal.attributes(userFd);
        try (PtyRelay relay = PtyRelay.start(pty, new HostStreams(null, userFd, screen, userFd))) {
            assertEquals(before, Terminal.attributes(userFd));
        }
    }

    @Test
    void resizesAreFollowedOnSigwinch() throws Exception {
        Terminal.setWindowSize(user.master(), new WindowSize(24, 80));
        try (PtyRelay relay = PtyRelay.start(pty, fromUserTerminal())) {
            assertEquals(new WindowSize(24, 80), Terminal.windowSize(pty.master()));
            Terminal.setWindowSize(user.master(), new WindowSize(50, 132));
            Signal.raise(new Signal("WINCH"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Terminal.windowSize(pty.master()).equals(new WindowSize(50, 132))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(new WindowSize(50, 132), Terminal.windowSize(pty.master()));
        }
    }

    @Test
    void pipedInputIsRelayedWithoutRawModeOrResize() throws Exception {
        Terminal.setWindowSize(pty.master(), new WindowSize(5, 6));
        HostStreams piped = new HostStreams(Channels.newInputStream(keys.source()), HostStreams.NONE, screen,
                HostStreams.NONE);
        try (PtyRelay relay = PtyRelay.start(pty, piped)) {
            Process sh = shell("stty size; read x; echo got:$x");
            screen.await("5 6\r\n");
            type("hi\n");
            keyboard.close();
            assertEquals(0, sh.waitFor());
            assertTrue(relay.awaitOutput(WAIT));
        }
        assertEquals("5 6\r\nhi\r\ngot:hi\r\n", screen.text());
    }

    @Test
    void interactiveInputMustBeATerminal() throws Exception {
        PtyRelay.requireTerminalInput(userFd);
        int devNull = Terminal.open(Path.of("/dev/null"));
        try {
            LaunchException e = assertThrows(LaunchException.class, () -> PtyRelay.requireTerminalInput(devNull));
            assertEquals("the input device is not a TTY", e.getMessage());
        } finally {
            Terminal.close(devNull);
        }
    }

    @Test
    void sigtermToTheJvmRestoresTheUserTerminal() throws Exception {
        Termios before = Terminal.attributes(userFd);
        Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-D" + Syscalls.LIBRARY_PROPERTY + "=" + System.getProperty(Syscalls.LIBRARY_PROPERTY),
                AttachedProbe.class.getName(), user.slave().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("attached", out.readLine());
            assertEquals(before.raw(), Terminal.attributes(userFd));
            jvm.destroy();
            assertTrue(jvm.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            jvm.destroyForcibly();
        }
        assertEquals(143, jvm.exitValue());
        assertEquals(before, Terminal.attributes(userFd));
        assertNotEquals(before, before.raw());
    }

    private HostStreams fromUserTerminal() {
        return new HostStreams(Channels.newInputStream(keys.source()), userFd, screen, userFd);
    }

    private void type(String text) throws IOException {
        keyboard.write(text.getBytes(StandardCharsets.US_ASCII));
        keyboard.flush();
    }

    private Process shell(String script) throws IOException {
        File tty = pty.slave().toFile();
        return new ProcessBuilder("/bin/sh", "-c", script)
                .redirectInput(tty).redirectOutput(tty).redirectError(tty).start();
    }

    /** Started in a separate JVM: attaches a fresh pty to the terminal named by args[0], then waits. */
    static final class AttachedProbe {
        public static void main(String[] args) throws Exception {
            int fd = Terminal.open(Path.of(args[0]));
            PtyRelay.start(Terminal.openPty(), new HostStreams(System.in, fd, System.out, fd));
            System.out.println("attached");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
