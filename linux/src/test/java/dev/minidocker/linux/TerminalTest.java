package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTest {
    @TempDir
    Path dir;

    private Pty pty;
    private int slave = -1;

    @BeforeEach
    void openPty() throws Exception {
        pty = Terminal.openPty();
        slave = Terminal.open(pty.slave());
    }

    @AfterEach
    void closePty() throws Exception {
        if (slave >= 0) {
            Terminal.close(slave);
        }
        pty.close();
    }

    @Test
    void theSlaveIsAPtsDevice() {
        assertTrue(pty.slave().toString().matches("/dev/pts/\\d+"), pty.slave().toString());
        assertTrue(Files.exists(pty.slave()));
    }

    @Test
    void bytesWrittenToTheMasterAreReadOnTheSlaveAndBack() throws Exception {
        Terminal.makeRaw(slave);
        byte[] ping = "ping\n".getBytes(StandardCharsets.US_ASCII);
        Terminal.write(pty.master(), ping, ping.length);
        try (FileInputStream in = new FileInputStream(pty.slave().toFile())) {
            assertArrayEquals(ping, in.readNBytes(ping.length));
        }
        try (FileOutputStream out = new FileOutputStream(pty.slave().toFile())) {
            out.write("pong".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals("pong", readFromMaster(4));
    }

    @Test
    void aCookedSlaveEchoesAndMapsNewlines() throws Exception {
        byte[] line = "hi\r".getBytes(StandardCharsets.US_ASCII);
        Terminal.write(pty.master(), line, line.length);
        assertEquals("hi\r\n", readFromMaster(4));
    }

    @Test
    void theMasterReadsEioOnceTheSlaveIsClosedEverywhere() throws Exception {
        Terminal.close(slave);
        slave = -1;
        LinuxException e = assertThrows(LinuxException.class, () -> Terminal.read(pty.master(), new byte[16]));
        assertTrue(e.is(Errno.EIO), e.getMessage());
    }

    @Test
    void onlyTerminalsAreTerminals() throws Exception {
        assertTrue(Terminal.isTerminal(slave));
        assertTrue(Terminal.isTerminal(pty.master()));
        Syscalls.system().mknod(dir.resolve("fifo"), Syscalls.S_IFIFO | 0600, 0);
        for (Path notATerminal : new Path[] {Files.createFile(dir.resolve("file")), dir.resolve("fifo"),
                Path.of("/dev/null")}) {
            int fd = Terminal.open(notATerminal);
            try {
                assertFalse(Terminal.isTerminal(fd), notATerminal.toString());
                LinuxException e = assertThrows(LinuxException.class, () -> Terminal.attributes(fd));
                assertTrue(e.is(Errno.ENOTTY), e.getMessage());
            } finally {
                Terminal.close(fd);
            }
        }
        assertFalse(Terminal.isTerminal(-1));
    }

    @Test
    void makeRawReturnsTheSettingsThatRestoreBringsBack() throws Exception {
        Termios cooked = Terminal.attributes(slave);
        assertNotEquals(0, cooked.localFlags() & Termios.ECHO);
        assertNotEquals(0, cooked.localFlags() & Termios.ICANON);

        assertEquals(cooked, Terminal.makeRaw(slave));
        Termios raw = Terminal.attributes(slave);
        assertEquals(cooked.raw(), raw);
        assertEquals(0, raw.localFlags() & (Termios.ECHO | Termios.ICANON | Termios.ISIG | Termios.IEXTEN));
        assertEquals(0, raw.inputFlags() & (Termios.ICRNL | Termios.IXON));
        assertEquals(0, raw.outputFlags() & Termios.OPOST);
        assertEquals(Termios.CS8, raw.controlFlags() & Termios.CSIZE);
        assertEquals(1, raw.controlChar(Termios.VMIN));
        assertEquals(0, raw.controlChar(Termios.VTIME));
        assertEquals(cooked.controlChar(Termios.VINTR), raw.controlChar(Termios.VINTR));

        Terminal.restore(slave, cooked);
        assertEquals(cooked, Terminal.attributes(slave));
    }

    @Test
    void rawClearsExactlyWhatCfmakerawClears() {
        byte[] struct = new byte[Termios.SIZE];
        Arrays.fill(struct, (byte) 0xff);
        Termios raw = new Termios(struct).raw();
        assertEquals(~0x5eb, raw.inputFlags());
        assertEquals(~0x1, raw.outputFlags());
        assertEquals(~0x100, raw.controlFlags());
        assertEquals(~0x804b, raw.localFlags());
        assertEquals(1, raw.controlChar(Termios.VMIN));
        assertEquals(0, raw.controlChar(Termios.VTIME));
        assertEquals(0xff, raw.controlChar(Termios.VEOF));
    }

    @Test
    void theWindowSizeSetOnTheMasterIsSeenOnBothSides() throws Exception {
        Terminal.setWindowSize(pty.master(), new WindowSize(33, 120));
        assertEquals(new WindowSize(33, 120), Terminal.windowSize(slave));
        assertEquals(new WindowSize(33, 120), Terminal.windowSize(pty.master()));
        Terminal.setWindowSize(pty.master(), new WindowSize(65535, 1));
        assertEquals(new WindowSize(65535, 1), Terminal.windowSize(slave));
    }

    @Test
    void errorsNameTheCallAndTheFd() {
        LinuxException e = assertThrows(LinuxException.class, () -> Terminal.write(1 << 20, new byte[1], 1));
        assertEquals("write `fd 1048576`: Bad file descriptor", e.getMessage());
    }

    private String readFromMaster(int count) throws LinuxException {
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[64];
        while (got.length() < count) {
            int n = Terminal.read(pty.master(), buf);
            got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        return got.toString();
    }
}
