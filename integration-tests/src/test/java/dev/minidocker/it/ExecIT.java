package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code exec} in a running container: the same namespaces, root, cgroups, user, environment and
 * capabilities as its process 1, Docker's options and exit statuses, stdin and a terminal, and
 * nothing left once the container is removed.
 */
class ExecIT extends RunTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Writes a file, then copies what an exec writes to /tmp/from-exec, so that each side sees the other's. */
    private static final String CONTAINER = "echo container > /tmp/from-container; "
            + "while :; do [ -f /tmp/from-exec ] && cp /tmp/from-exec /tmp/seen-by-container; sleep 0.2; done";
    private static final List<String> NAMESPACES = List.of("cgroup", "ipc", "mnt", "net", "pid", "uts");

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void theCommandRunsInsideTheRunningContainer() {
        String id = running("-e", "FOO=bar");
        assertAll(
                () -> assertEquals(id.substring(0, 12), exec(id, "hostname")),
                () -> assertEquals("sh -c " + CONTAINER, exec(id, "cat", "/proc/1/cmdline").replace('\0', ' ').strip(),
                        "the container's process 1, seen from its pid namespace"),
                () -> assertEquals("container", exec(id, "cat", "/tmp/from-container")),
                () -> assertEquals(exec(id, "cat", "/proc/1/cgroup"), exec(id, "cat", "/proc/self/cgroup")),
                () -> assertEquals(exec(id, "grep", "Cap", "/proc/1/status"), exec(id, "grep", "Cap", "/proc/self/status")),
                () -> assertEquals(Set.copyOf(List.of(exec(id, "cat", "/proc/1/environ").split("\0"))),
                        Set.copyOf(exec(id, "env").lines().toList()), "the container's environment"));
        // One line per namespace: the exec'd process's, then process 1's.
        List<String> pairs = exec(id, "sh", "-c", "for ns in " + String.join(" ", NAMESPACES) + "; do"
                + " echo $(readlink /proc/self/ns/$ns) $(readlink /proc/1/ns/$ns); done").lines().toList();
        for (int i = 0; i < NAMESPACES.size(); i++) {
            String[] pair = pairs.get(i).split(" ");
            assertEquals(pair[1], pair[0], NAMESPACES.get(i));
            assertNotEquals(hostNamespace(NAMESPACES.get(i)), pair[0], pair[0] + " is the container's, not the host's");
        }
        exec(id, "sh", "-c", "echo exec > /tmp/from-exec");
        Eventually.until(() -> execStatus(id, "cat", "/tmp/seen-by-container") == 0, TIMEOUT,
                "the container to see the file the exec wrote");
        assertEquals("exec", exec(id, "cat", "/tmp/seen-by-container"));
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void userDirectoryAndEnvironmentAreTheContainersUnlessTheOptionsSay() throws IOException {
        String id = running("-u", "bob", "-w", "/home/bob", "-e", "FOO=bar");
        assertEquals(List.of("1000", "50", "50", "/home/bob", "/home/bob", "bar", "CapEff:\t0000000000000000"),
                exec(id, "sh", "-c", "id -u; id -g; id -G; pwd; echo $HOME; echo $FOO; grep CapEff /proc/self/status")
                        .lines().toList());
        Path envFile = Files.writeString(minidocker.scratch().resolve("env"), "FROM_FILE=1\n");
        assertEquals(List.of("0", "0", "/tmp", "/root", "baz 1 1", "CapEff:\t00000000a80425fb"),
                exec(id, "-u", "root", "-w", "/tmp", "-e", "FOO=baz", "-e", "NEW=1", "--env-file", envFile.toString(),
                        "sh", "-c", "id -u; id -g; pwd; echo $HOME; echo $FOO $NEW $FROM_FILE;"
                                + " grep CapEff /proc/self/status").lines().toList());
        assertEquals("1000 65534", exec(id, "-u", "1000:nogroup", "sh", "-c", "echo $(id -u) $(id -g)"));
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void theExitStatusIsTheCommandsOrDockersWhenItCannotStart() {
        String id = running();
        minidocker.run("exec", id, "sh", "-c", "exit 7").assertExit(7);
        assertEquals(List.of("OCI runtime exec failed: exec failed: unable to start container process: exec:"
                + " \"nosuch\": executable file not found in $PATH: unknown"),
                minidocker.run("exec", id, "nosuch").assertExit(127).stderrLines());
        assertEquals(List.of("OCI runtime exec failed: exec failed: unable to start container process: exec:"
                + " \"/etc/passwd\": permission denied: unknown"),
                minidocker.run("exec", id, "/etc/passwd").assertExit(126).stderrLines());
        assertEquals(List.of("minidocker: exec: resolve user `alice`: no matching entries in passwd file"),
                minidocker.run("exec", "-u", "alice", id, "true").assertExit(126).stderrLines());
        assertEquals(List.of("minidocker-enter: chdir /nowhere: No such file or directory"),
                minidocker.run("exec", "-w", "/nowhere", id, "true").assertExit(126).stderrLines());
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void stdinReachesTheCommandOnlyWithInteractive() {
        String id = running();
        assertEquals("got hello\n", minidocker.runWithInput("hello\n", "exec", "-i", id, "sh", "-c",
                "read line; echo got $line").assertSuccess().stdout());
        assertEquals("end\n", minidocker.runWithInput("hello\n", "exec", id, "sh", "-c", "cat; echo end")
                .assertSuccess().stdout());
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void ttyGivesTheCommandATerminalOfTheContainersOwn() {
        String id = running();
        CommandResult tty = minidocker.runInTerminal(33, 101, "", "exec", "-t", id, "sh", "-c",
                "tty; stty size; echo $TERM").assertSuccess();
        List<String> lines = terminalLines(tty);
        assertAll(
                () -> assertEquals(3, lines.size(), tty::toString),
                () -> assertTrue(lines.getFirst().matches("/dev/pts/\\d+"), tty::toString),
                () -> assertEquals("33 101", lines.get(1), tty::toString),
                () -> assertEquals("xterm", lines.get(2), tty::toString));
        CommandResult typed = minidocker.runInTerminal(24, 80, "hello\n", "exec", "-i", "-t", id, "sh", "-c",
                "read line; echo \"got $line\"; exit 4").assertExit(4);
        assertTrue(terminalLines(typed).contains("got hello"), typed::toString);
        assertEquals(List.of("minidocker: the input device is not a TTY"),
                minidocker.run("exec", "-i", "-t", id, "true").assertExit(1).stderrLines());
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void signalsReachTheCommand() {
        String id = running();
        try (StartedMinidocker exec = StartedMinidocker.start(minidocker, "exec", id, "sh", "-c",
                "trap 'echo got TERM; exit 3' TERM; echo ready; while :; do sleep 0.2; done")) {
            exec.awaitStdoutLine("ready", TIMEOUT);
            exec.signal("TERM", TIMEOUT);
            assertEquals("ready\ngot TERM\n", exec.await(TIMEOUT).assertExit(3).stdout());
        }
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void detachedTheCommandRunsOnInTheContainersCgroups() {
        String id = running();
        CommandResult detached = minidocker.run("exec", "-d", id, "sh", "-c", "echo lost; sleep 300").assertSuccess();
        assertEquals("", detached.stdout() + detached.stderr(), "-d prints nothing, the command's output is dropped");
        Eventually.until(() -> containerPids(id).stream().anyMatch(pid -> commandLine(pid).equals("sleep 300")),
                TIMEOUT, "the detached command's sleep in the container's cgroups");
        assertTrue(exec(id, "ps", "-o", "args").lines().anyMatch(line -> line.equals("sleep 300")),
                "the container sees it too");
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void aContainerThatDoesNotRunIsRefused() {
        String created = minidocker.run("create", IMAGES.busybox(), "sleep", "300").assertSuccess().lastStdoutLine();
        assertEquals(List.of("minidocker: container " + created + " is not running"),
                minidocker.run("exec", created, "true").assertExit(1).stderrLines());
        String stopped = running();
        minidocker.run("stop", "-t", "0", stopped).assertSuccess();
        assertEquals(List.of("minidocker: container " + stopped + " is not running"),
                minidocker.run("exec", stopped, "true").assertExit(1).stderrLines());
        minidocker.run("rm", created, stopped).assertSuccess();
    }

    @Test
    void removingTheContainerEndsItsExecs() {
        String id = running();
        minidocker.run("exec", "-d", id, "sleep", "300").assertSuccess();
        try (StartedMinidocker attached = StartedMinidocker.start(minidocker, "exec", id, "sh", "-c",
                "echo ready; sleep 301")) {
            attached.awaitStdoutLine("ready", TIMEOUT);
            Set<Long> inside = containerPids(id);
            assertTrue(inside.size() >= 3, "process 1 and the two sleeps: " + inside);
            assertEquals(2, helpers(id).size(), "the attached exec's helper and the detached one's waiter");
            minidocker.run("rm", "-f", id).assertSuccess();
            assertEquals(137, attached.await(TIMEOUT).exitCode(), "killed with the container's pid namespace");
            Eventually.until(() -> inside.stream().noneMatch(pid -> ProcessHandle.of(pid).isPresent())
                    && helpers(id).isEmpty(), TIMEOUT, "the exec'd processes and their helpers to be gone");
        }
        assertFalse(Files.exists(minidocker.root().resolve("containers").resolve(id)));
    }

    /** Creates and starts a busybox container with {@code flags}, and waits until an exec finds it set up. */
    private String running(String... flags) {
        List<String> create = new ArrayList<>(List.of("create"));
        create.addAll(List.of(flags));
        create.addAll(List.of(IMAGES.busybox(), "sh", "-c", CONTAINER));
        String id = minidocker.run(create.toArray(String[]::new)).assertSuccess().lastStdoutLine();
        minidocker.run("start", id).assertSuccess();
        Eventually.until(() -> execStatus(id, "test", "-f", "/tmp/from-container") == 0, TIMEOUT,
                "container " + id + " to write /tmp/from-container");
        return id;
    }

    /** {@code exec [OPTIONS] ID ARGS...} (options first: they start with '-'); its stdout, stripped. */
    private String exec(String id, String... words) {
        List<String> line = new ArrayList<>(List.of("exec"));
        int i = 0;
        for (; i < words.length && words[i].startsWith("-"); i += 2) {
            line.addAll(List.of(words[i], words[i + 1]));
        }
        line.add(id);
        line.addAll(List.of(words).subList(i, words.length));
        return minidocker.run(line.toArray(String[]::new)).assertSuccess().stdout().strip();
    }

    private int execStatus(String id, String... command) {
        List<String> line = new ArrayList<>(List.of("exec", id));
        line.addAll(List.of(command));
        return minidocker.run(line.toArray(String[]::new)).exitCode();
    }

    private static String hostNamespace(String ns) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pids in the container's cgroups (every hierarchy's cgroup.procs). */
    private static Set<Long> containerPids(String id) {
        Set<Long> pids = new TreeSet<>();
        for (Path cgroup : ContainerTraces.cgroups(id)) {
            try {
                Files.readAllLines(cgroup.resolve("cgroup.procs")).forEach(line -> pids.add(Long.parseLong(line)));
            } catch (IOException gone) {
                // removed meanwhile
            }
        }
        return pids;
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** The minidocker-enter processes of the container (their command lines name its cgroups). */
    private static List<ProcessHandle> helpers(String id) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains("minidocker-enter") && line.contains(id)).orElse(false)).toList();
    }

    /** What the terminal showed, line by line: each pty on the way turns "\n" into "\r\n". */
    private static List<String> terminalLines(CommandResult result) {
        return result.stdout().replace("\r", "").lines().toList();
    }
}
