package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class MonitorTest {
    private static final List<String> SHIM = List.of("/usr/bin/java", "-m", "dev.minidocker.shim/Shim", "/c/1");

    @TempDir
    Path dir;

    @Test
    void ownNamespacesForEverythingByDefault() {
        Path exit = Path.of("/var/lib/minidocker/containers/1/exit");
        List<String> expected = new ArrayList<>(List.of("unshare", "--mount", "--uts", "--ipc", "--pid", "--net",
                "--propagation", "private", "--", "/bin/sh", "-c", Monitor.SCRIPT, "minidocker-monitor",
                exit.toString()));
        expected.addAll(SHIM);
        assertEquals(expected, Monitor.command(false, exit, SHIM));
    }

    @Test
    void theHostNetworkIsShared() {
        List<String> command = Monitor.command(true, Path.of("/c/1/exit"), SHIM);
        assertFalse(command.contains("--net"));
        assertEquals(List.of("unshare", "--mount", "--uts", "--ipc", "--pid", "--propagation", "private", "--"),
                command.subList(0, command.indexOf("--") + 1));
        assertEquals(SHIM, command.subList(command.size() - SHIM.size(), command.size()));
    }

    @Test
    void recordsTheChildsExitStatus() throws Exception {
        Process monitor = monitor("/bin/sh", "-c", "exit 3");
        assertEquals(0, monitor.waitFor());
        assertEquals("3\n", Files.readString(exitFile()));
        assertEquals(OptionalInt.of(3), Monitor.exitStatus(exitFile()));
    }

    @Test
    void survivesSignalsAndRecordsTheChildsDeathBySigterm() throws Exception {
        Process monitor = monitor("sleep", "30");
        ProcessHandle child = childOf(monitor);
        for (String signal : List.of("TERM", "INT", "HUP", "QUIT", "TERM")) {
            kill(signal, monitor.pid());
        }
        assertFalse(monitor.waitFor(300, TimeUnit.MILLISECONDS), "the monitor ended on a signal");
        assertTrue(child.isAlive(), "the container ended with the monitor's signals");
        assertFalse(Files.exists(exitFile()));
        kill("TERM", child.pid());
        assertEquals(0, monitor.waitFor());
        assertEquals(OptionalInt.of(143), Monitor.exitStatus(exitFile()));
    }

    @Test
    void aChildKilledBySigkillIs137() throws Exception {
        Process monitor = monitor("sleep", "30");
        kill("KILL", childOf(monitor).pid());
        assertEquals(0, monitor.waitFor());
        assertEquals(OptionalInt.of(137), Monitor.exitStatus(exitFile()));
    }

    @Test
    void noExitFileOrAGarbledOneIsNoStatus() throws Exception {
        assertEquals(OptionalInt.empty(), Monitor.exitStatus(exitFile()));
        Files.writeString(exitFile(), "");
        assertEquals(OptionalInt.empty(), Monitor.exitStatus(exitFile()));
        Files.writeString(exitFile(), "oops\n");
        assertEquals(OptionalInt.empty(), Monitor.exitStatus(exitFile()));
    }

    private Path exitFile() {
        return dir.resolve("exit");
    }

    /** The monitor script as unshare runs it, here without new namespaces. */
    private Process monitor(String... child) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", Monitor.SCRIPT, "minidocker-monitor",
                exitFile().toString()));
        command.addAll(List.of(child));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The child, once started: by then the monitor has set its traps. */
    private static ProcessHandle childOf(Process monitor) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            var children = monitor.children().toList();
            if (!children.isEmpty() && children.getFirst().info().command().orElse("").endsWith("sleep")) {
                return children.getFirst();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the monitor started no child");
    }

    private static void kill(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start().waitFor(),
                "kill -s " + signal + " " + pid);
    }
}
