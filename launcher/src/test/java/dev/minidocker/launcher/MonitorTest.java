package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minidocker.launcher.userns.IdMap;
import dev.minidocker.launcher.userns.UserNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line the launcher builds, and the real minidocker-monitor binary (new namespaces need root). */
@Timeout(30)
class MonitorTest {
    private static final Path BINARY = Path.of(System.getProperty("minidocker.monitor", "minidocker-monitor"));
    private static final List<String> SHIM = List.of("/usr/bin/java", "-m", "dev.minidocker.shim/Shim", "/c/1");

    @TempDir
    Path dir;

    private ContainerDirs dirs() {
        return new ContainerDirs("c0ffee", dir);
    }

    private List<String> command(LogLimits log, Monitor.Attachment attachment, boolean tty, boolean hostNetwork) {
        return command(log, attachment, tty, hostNetwork ? Monitor.Network.HOST : Monitor.Network.OWN, List.of());
    }

    private List<String> command(LogLimits log, Monitor.Attachment attachment, boolean tty, Monitor.Network network,
            List<String> exitCommand) {
        return Monitor.command(new Monitor.Plan(BINARY, dirs(), network, log, attachment, tty,
                Optional.of(Path.of("/cg/memory.events")), Optional.of(Path.of("/cg/unified/c0ffee")), Optional.empty(),
                List.of(Path.of("/jdk"), Path.of("/md/lib")), exitCommand), SHIM);
    }

    private static List<String> options(List<String> command) {
        return command.subList(1, command.indexOf("--"));
    }

    @Test
    void anAttachedRunIsLoggedAndShown() {
        List<String> command = command(new LogLimits(true, 10 << 20, 3), Monitor.Attachment.attached(new ProcessBuilder(),
                null), false, false);
        assertEquals(BINARY.toString(), command.getFirst());
        assertEquals(List.of("--exit-file", dir.resolve("exit").toString(), "--pid-file",
                dir.resolve("clone.pid").toString(), "--log",
                dir.resolve("c0ffee-json.log").toString(), "--log-max-size", "10485760", "--log-max-files", "3", "--tee",
                "--readonly", "/jdk", "--readonly", "/md/lib", "--oom-file", "/cg/memory.events",
                "--clone-into-cgroup", "/cg/unified/c0ffee"), options(command));
        assertEquals(SHIM, command.subList(command.indexOf("--") + 1, command.size()));
    }

    @Test
    void aDetachedTtyGetsThePtyOfTheMonitorAndTheHostNetworkIsAsked() {
        List<String> options = options(command(new LogLimits(true, 0, 1), Monitor.Attachment.background(), true, true));
        assertTrue(options.containsAll(List.of("--detach", "--tty", "--host-network")), options.toString());
        assertFalse(options.contains("--tee"));
    }

    @Test
    void anAttachedTerminalIsTheUsersAndNotLogged() {
        List<String> options = options(command(new LogLimits(true, 0, 1),
                Monitor.Attachment.attached(new ProcessBuilder().inheritIO(), "/dev/pts/9"), true, false));
        assertFalse(options.contains("--log"), options.toString());
        assertFalse(options.contains("--tty"), "the launcher's pty is the console, not the monitor's");
        assertFalse(options.contains("--stdin"), "the launcher relays the terminal's input to the pty");
        assertTrue(options.contains("--tee"), "what the shim says before the console is the user's to see");
    }

    @Test
    void anAttachedInteractiveRunHasItsStdinFedByTheMonitor() {
        List<String> options = options(command(new LogLimits(false, 0, 1),
                Monitor.Attachment.attached(new ProcessBuilder().inheritIO(), null), false, false));
        assertEquals(List.of("--tee", "--stdin"), options.subList(4, 6), options.toString());
        assertFalse(options(command(new LogLimits(false, 0, 1), Monitor.Attachment.attached(ForegroundRun.stdio(false, false),
                null), false, false)).contains("--stdin"), "without -i the container's stdin is /dev/null");
    }

    @Test
    void theNoneDriverLogsNothingAndADetachedTtyIsAllowedWithIt() {
        List<String> options = options(command(new LogLimits(false, 0, 1), Monitor.Attachment.background(), true, false));
        assertFalse(options.contains("--log"), options.toString());
        assertTrue(options.contains("--tty"), options.toString());
    }

    @Test
    void anotherContainersNamespaceIsJoinedAndTheExitCommandPassedWordByWord() {
        List<String> options = options(command(new LogLimits(false, 0, 1), Monitor.Attachment.background(), false,
                Monitor.Network.joining("/proc/42/ns/net"), List.of("/usr/bin/java", "-m", "cli/Main", "cleanup", "c0ffee")));
        assertEquals(List.of("--netns", "/proc/42/ns/net", "--exit-command", "/usr/bin/java", "--exit-arg", "-m",
                "--exit-arg", "cli/Main", "--exit-arg", "cleanup", "--exit-arg", "c0ffee"),
                options.subList(options.indexOf("--netns"), options.indexOf("--detach")));
        assertFalse(options.contains("--host-network"));
    }

    @Test
    void aUserNamespaceGetsItsMapsAndItsRootfsOverlay() {
        var userns = new UsernsRootfs(new UserNamespace(List.of(new IdMap(0, 100000, 65536)),
                List.of(new IdMap(0, 200000, 1000), new IdMap(1000, 300000, 1))), "lowerdir=/l,upperdir=/u,workdir=/w",
                Path.of("/c/rootfs"), List.of(Path.of("/cg/memory/c/tasks"), Path.of("/cg/pids/c/tasks")));
        List<String> options = options(Monitor.command(new Monitor.Plan(BINARY, dirs(), Monitor.Network.OWN,
                new LogLimits(false, 0, 1), Monitor.Attachment.background(), false, Optional.empty(),
                Optional.empty(), Optional.of(userns), List.of(), List.of()), SHIM));
        assertEquals(List.of("--uidmap", "0 100000 65536", "--gidmap", "0 200000 1000", "--gidmap", "1000 300000 1",
                "--rootfs-overlay", "lowerdir=/l,upperdir=/u,workdir=/w", "--rootfs", "/c/rootfs",
                "--cgroup-procs", "/cg/memory/c/tasks", "--cgroup-procs", "/cg/pids/c/tasks"),
                options.subList(options.indexOf("--uidmap"), options.size()));
    }

    @Test
    void aUidmapMakesTheChildRootOfItsOwnUserNamespace() throws Exception {
        List<String> maps = List.of("--uidmap", "0 100000 65536", "--gidmap", "0 200000 65536");
        Process monitor = monitor(tee(maps), "sh", "-c", "id -u; id -g; cat /proc/self/uid_map /proc/self/gid_map");
        assertEquals(0, monitor.waitFor());
        assertEquals("0\n", Files.readString(exitFile()));
        List<String> out = new String(monitor.getInputStream().readAllBytes()).lines()
                .map(line -> String.join(" ", line.strip().split("\\s+"))).toList();
        assertEquals(List.of("0", "0", "0 100000 65536", "0 200000 65536"), out);

        // Seen from the host, it runs as the mapped ids.
        Process sleeping = monitor(maps, "sleep", "30");
        ProcessHandle child = childOf(sleeping);
        List<String> ids = Files.readAllLines(Path.of("/proc/" + child.pid() + "/status")).stream()
                .filter(line -> line.startsWith("Uid:") || line.startsWith("Gid:"))
                .map(line -> String.join(" ", line.split("\\s+"))).toList();
        kill("KILL", child.pid());
        assertEquals(0, sleeping.waitFor());
        assertEquals(List.of("Uid: 100000 100000 100000 100000", "Gid: 200000 200000 200000 200000"), ids);
    }

    @Test
    void theMonitorMovesTheChildOfAUserNamespaceIntoItsCgroup() throws Exception {
        // v1's pids hierarchy or the unified one; a cgroup of the test's own below minidocker's.
        Path v1 = Path.of("/sys/fs/cgroup/pids");
        Path hierarchy = Files.isDirectory(v1) ? v1 : Path.of("/sys/fs/cgroup");
        String name = "monitor-test-" + ProcessHandle.current().pid();
        Path cgroup = Files.createDirectories(hierarchy.resolve("minidocker").resolve(name));
        try {
            Path join = cgroup.resolve(hierarchy.equals(v1) ? "tasks" : "cgroup.procs");
            Process monitor = monitor(tee(List.of("--uidmap", "0 100000 65536", "--cgroup-procs", join.toString())),
                    "cat", "/proc/self/cgroup");
            assertEquals(0, monitor.waitFor());
            String cgroups = new String(monitor.getInputStream().readAllBytes());
            assertTrue(cgroups.contains("/minidocker/" + name + "\n"), cgroups);
        } finally {
            Files.delete(cgroup);
        }
    }

    @Test
    void theChildIsBornInTheCgroup2DirectoryItIsGivenWithOrWithoutAUserNamespace() throws Exception {
        Path cgroup = Files.createDirectories(cgroup2().resolve("minidocker").resolve("monitor-test-"
                + ProcessHandle.current().pid()));
        try {
            for (List<String> userns : List.of(List.<String>of(), List.of("--uidmap", "0 100000 65536"))) {
                List<String> options = new ArrayList<>(userns);
                options.addAll(List.of("--clone-into-cgroup", cgroup.toString()));
                Process monitor = monitor(tee(options), "cat", "/proc/self/cgroup");
                assertEquals(0, monitor.waitFor());
                String cgroups = new String(monitor.getInputStream().readAllBytes());
                assertTrue(cgroups.contains("0::/minidocker/" + cgroup.getFileName() + "\n"), userns + ": " + cgroups);
            }
        } finally {
            Files.delete(cgroup);
        }
    }

    @Test
    void aCgroupDirectoryThatIsGoneIsOneLineAnd125() throws Exception {
        Path gone = cgroup2().resolve("minidocker").resolve("monitor-test-gone");
        Process monitor = failing(List.of("--clone-into-cgroup", gone.toString()), "true");
        String stderr = new String(monitor.getErrorStream().readAllBytes());
        assertEquals(125, monitor.waitFor());
        assertEquals("minidocker-monitor: open cgroup " + gone + ": No such file or directory\n", stderr);
        assertFalse(Files.exists(exitFile()), "nothing ran");
    }

    /** The host's cgroup2 hierarchy: a hybrid host's, or the only one. */
    private static Path cgroup2() {
        Path unified = Path.of("/sys/fs/cgroup/unified");
        return Files.isRegularFile(unified.resolve("cgroup.controllers")) ? unified : Path.of("/sys/fs/cgroup");
    }

    @Test
    void theRootfsIsMountedFromIdmappedLayersInTheChildsMountNamespaceOnly() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lower = Files.createDirectories(dir.resolve("lower"));
        Files.writeString(lower.resolve("roots"), "r");
        Files.setAttribute(Files.writeString(lower.resolve("bobs"), "b"), "unix:uid", 1000);
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        for (Path owned : List.of(upper, work)) {
            Files.setAttribute(owned, "unix:uid", 100000);
            Files.setAttribute(owned, "unix:gid", 100000);
        }
        Process monitor = monitor(List.of("--tee", "--uidmap", "0 100000 65536", "--rootfs-overlay",
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work, "--rootfs", rootfs.toString()),
                "sh", "-c", "cd " + rootfs + " && stat -c '%n %u' roots bobs && echo new > new");
        assertEquals(0, monitor.waitFor());
        assertEquals("0\n", Files.readString(exitFile()));
        assertEquals("roots 0\nbobs 1000\n", new String(monitor.getInputStream().readAllBytes()));
        assertEquals(100000, Files.getAttribute(upper.resolve("new"), "unix:uid"));
        assertEquals(0, Files.getAttribute(lower.resolve("roots"), "unix:uid"), "the layer is not chowned");
        assertTrue(Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().noneMatch(l -> l.contains(dir.toString())),
                "nothing mounted on the host");
    }

    @Test
    void badMapsAndAFailedRootfsAreRefused() throws Exception {
        assertEquals(125, failing(List.of("--uidmap", "0 100000"), "true").waitFor());
        assertEquals(125, failing(List.of("--rootfs-overlay", "lowerdir=/x", "--rootfs", "/y"), "true").waitFor());
        assertEquals(125, failing(List.of("--cgroup-procs", "/x"), "true").waitFor());
        Process missing = failing(List.of("--uidmap", "0 100000 65536", "--rootfs-overlay",
                "lowerdir=" + dir.resolve("none") + ",upperdir=/u,workdir=/w", "--rootfs", dir.toString()), "true");
        assertEquals(0, missing.waitFor(), "the monitor records the container's failure");
        assertEquals("125\n", Files.readString(exitFile()));
        assertEquals("minidocker-monitor: open_tree " + dir.resolve("none") + ": No such file or directory",
                new String(missing.getErrorStream().readAllBytes()).strip());
    }

    @Test
    void recordsTheExitStatusAndRunsTheChildAsPid1OfNewNamespaces() throws Exception {
        Process monitor = monitor(List.of("--tee"), "sh", "-c", "echo $$ $(hostname); exit 3");
        assertEquals(0, monitor.waitFor());
        assertEquals("3\n", Files.readString(exitFile()));
        assertEquals(Optional.of(new Monitor.Exit(3, false)), Monitor.exit(exitFile()));
        assertEquals("1 " + hostname(), new String(monitor.getInputStream().readAllBytes()).trim());
    }

    @Test
    void aNewNetworkNamespaceHasItsLoopbackUpAndProcessOnesPidIsWrittenAtOnce() throws Exception {
        Path pidFile = dir.resolve("clone.pid");
        Process monitor = monitor(List.of("--tee", "--pid-file", pidFile.toString()), "sh", "-c",
                "ip -o link show; sleep 30");
        long pid = awaitPid(pidFile);
        assertEquals(List.of(pid), monitor.children().map(ProcessHandle::pid).toList());
        kill("KILL", pid);
        assertEquals(0, monitor.waitFor());
        List<String> links = new String(monitor.getInputStream().readAllBytes()).lines().toList();
        assertEquals(1, links.size(), "lo alone: " + links);
        assertTrue(links.getFirst().matches("1: lo: <LOOPBACK,UP,LOWER_UP>.*"), links.getFirst());
    }

    @Test
    void theNetnsGivenIsJoinedAndTheHostsIsLeftAsItWas() throws Exception {
        Process holder = new ProcessBuilder("unshare", "--net", "sleep", "30").start();
        try {
            Path netns = awaitOtherNetns(holder);
            Process monitor = monitor(List.of("--tee", "--netns", netns.toString()), "sh", "-c",
                    "readlink /proc/self/ns/net");
            assertEquals(0, monitor.waitFor());
            assertEquals(Files.readSymbolicLink(netns).toString(),
                    new String(monitor.getInputStream().readAllBytes()).strip());
            Process missing = failing(List.of("--netns", dir.resolve("none").toString()), "true");
            assertEquals(125, missing.waitFor());
            assertEquals("minidocker-monitor: join the network namespace " + dir.resolve("none")
                    + ": No such file or directory", new String(missing.getErrorStream().readAllBytes()).strip());
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void theExitCommandRunsOnceTheExitIsRecordedAndOutlivesTheMonitor() throws Exception {
        Path ran = dir.resolve("ran");
        Process monitor = monitor(List.of("--exit-command", "/bin/sh", "--exit-arg", "-c", "--exit-arg",
                "cat " + exitFile() + " > " + ran + ".tmp; mv " + ran + ".tmp " + ran), "sh", "-c",
                "exit 7");
        assertEquals(0, monitor.waitFor());
        for (int i = 0; i < 200 && !Files.exists(ran); i++) {
            Thread.sleep(10);
        }
        assertEquals("7\n", Files.readString(ran), "it ran after the exit file was written");
    }

    @Test
    void anExitCommandAsLongAsTheLaunchersOwnCommandLineIsTakenWhole() throws Exception {
        // The launcher's java command line: JVM options, the module path and the main module, then the clean-up's.
        Path ran = dir.resolve("ran");
        List<String> options = new ArrayList<>(List.of("--exit-command", "/bin/sh", "--exit-arg", "-c", "--exit-arg",
                "echo \"$#\" > " + ran + ".tmp; mv " + ran + ".tmp " + ran, "--exit-arg", "sh"));
        for (int i = 0; i < 40; i++) {
            options.addAll(List.of("--exit-arg", "-XX:Option" + i));
        }
        Process monitor = monitor(options, "true");
        assertEquals(0, monitor.waitFor(), () -> new String(readErr(monitor)));
        for (int i = 0; i < 200 && !Files.exists(ran); i++) {
            Thread.sleep(10);
        }
        assertEquals("40\n", Files.readString(ran));
        List<String> tooMany = new ArrayList<>(List.of("--exit-command", "/bin/true"));
        for (int i = 0; i < 65; i++) {
            tooMany.addAll(List.of("--exit-arg", "x"));
        }
        assertEquals(125, failing(tooMany, "true").waitFor());
    }

    private static byte[] readErr(Process p) {
        try {
            return p.getErrorStream().readAllBytes();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    private static long awaitPid(Path pidFile) throws Exception {
        for (int i = 0; i < 500; i++) {
            if (Files.exists(pidFile)) {
                return Long.parseLong(Files.readString(pidFile).strip());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + pidFile);
    }

    /** The network namespace of {@code holder}'s process once it is no longer the host's. */
    private static Path awaitOtherNetns(Process holder) throws Exception {
        Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
        for (int i = 0; i < 500; i++) {
            Path ns = Path.of("/proc/" + holder.pid() + "/ns/net");
            if (Files.exists(ns) && !Files.readSymbolicLink(ns).equals(own)) {
                return ns;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("unshare made no network namespace");
    }

    @Test
    void survivesSignalsAndRecordsTheChildsDeathBySigkill() throws Exception {
        Process monitor = monitor(List.of(), "sleep", "30");
        ProcessHandle child = childOf(monitor);
        for (String signal : List.of("TERM", "INT", "HUP", "QUIT", "USR1")) {
            kill(signal, monitor.pid());
        }
        assertFalse(monitor.waitFor(300, TimeUnit.MILLISECONDS), "the monitor ended on a signal");
        assertTrue(child.isAlive(), "the container ended with the monitor's signals");
        assertFalse(Files.exists(exitFile()));
        kill("KILL", child.pid());
        assertEquals(0, monitor.waitFor());
        assertEquals(Optional.of(new Monitor.Exit(137, false)), Monitor.exit(exitFile()));
    }

    @Test
    void writesDockersJsonFileLinesAndTeesThem() throws Exception {
        Instant before = Instant.now();
        Process monitor = monitor(List.of("--log", log().toString(), "--tee"), "sh", "-c",
                "echo out; echo 'err <&> \"q\" \\ é' >&2; printf 'tab\\there\\001'; printf '\\377\\n'");
        assertEquals(0, monitor.waitFor());
        assertEquals("out\ntab\there\001\377\n", new String(monitor.getInputStream().readAllBytes(),
                StandardCharsets.ISO_8859_1));
        StringBuilder stdout = new StringBuilder();
        String stderrLine = null;
        for (String line : Files.readAllLines(log())) {
            JsonNode e = entry(line);
            Instant time = Instant.parse(e.get("time").asText());
            assertFalse(time.isBefore(before.minusSeconds(1)) || time.isAfter(Instant.now()), time.toString());
            if (e.get("stream").asText().equals("stdout")) {
                stdout.append(e.get("log").asText());
            } else {
                stderrLine = line;
            }
        }
        // Go's encoding: <, > and & as unicode escapes, invalid UTF-8 as U+FFFD.
        assertEquals("out\ntab\there\u0001\ufffd\n", stdout.toString());
        assertTrue(stderrLine.startsWith("{\"log\":\"err \\u003c\\u0026\\u003e \\\"q\\\" \\\\ é\\n\",\"stream\":\"stderr\""),
                stderrLine);
    }

    @Test
    void aLongLineIsLoggedIn16KiBPieces() throws Exception {
        Process monitor = monitor(List.of("--log", log().toString()), "sh", "-c",
                "head -c 40000 /dev/zero | tr '\\0' x; echo");
        assertEquals(0, monitor.waitFor());
        List<String> pieces = new ArrayList<>();
        for (String line : Files.readAllLines(log())) {
            pieces.add(entry(line).get("log").asText());
        }
        assertEquals(List.of(16384, 16384, 7233), pieces.stream().map(String::length).toList());
        assertEquals("x".repeat(40000) + "\n", String.join("", pieces));
    }

    @Test
    void rotatesAtMaxSizeKeepingMaxFiles() throws Exception {
        Process monitor = monitor(List.of("--log", log().toString(), "--log-max-size", "1000", "--log-max-files", "3"),
                "sh", "-c", "i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i+1)); done");
        assertEquals(0, monitor.waitFor());
        Path one = Path.of(log() + ".1");
        Path two = Path.of(log() + ".2");
        assertTrue(Files.exists(one) && Files.exists(two), "two rotated files");
        assertFalse(Files.exists(Path.of(log() + ".3")), "no more than max-file files");
        for (Path file : List.of(two, one)) {
            long size = Files.size(file);
            assertTrue(size >= 1000 && size < 1100, file + " rotated at " + size + " bytes");
        }
        List<String> lines = Files.readAllLines(log());
        assertEquals("line 199\n", entry(lines.getLast()).get("log").asText());
        int firstKept = Integer.parseInt(entry(Files.readAllLines(two).getFirst()).get("log").asText().trim().split(" ")[1]);
        int lastOfTwo = Integer.parseInt(entry(Files.readAllLines(two).getLast()).get("log").asText().trim().split(" ")[1]);
        int firstOfOne = Integer.parseInt(entry(Files.readAllLines(one).getFirst()).get("log").asText().trim().split(" ")[1]);
        assertTrue(firstKept > 0, "the oldest lines were dropped");
        assertEquals(lastOfTwo + 1, firstOfOne, "no line lost between rotated files");
    }

    @Test
    void aDetachedTtyContainerWritesToThePtyTheMonitorReads() throws Exception {
        Process monitor = monitor(List.of("--log", log().toString(), "--tty", "--detach"), "sh", "-c",
                "tty; [ -t 0 ] && [ -t 1 ] && echo both; stty size");
        assertEquals(0, monitor.waitFor());
        List<String> logged = new ArrayList<>();
        for (String line : Files.readAllLines(log())) {
            JsonNode e = entry(line);
            assertEquals("stdout", e.get("stream").asText());
            logged.add(e.get("log").asText());
        }
        assertTrue(logged.getFirst().startsWith("/dev/pts/"), logged.toString());
        assertEquals(List.of("both\r\n", "24 80\r\n"), logged.subList(1, 3), "the terminal's \\r\\n, as Docker logs it");
    }

    @Test
    void theContainersStdioIsPipesNeverTheMonitorsOwn() throws Exception {
        Path input = Files.writeString(dir.resolve("input"), "typed\n");
        Process monitor = new ProcessBuilder(monitorCommand(List.of("--tee", "--stdin"), "sh", "-c",
                "for fd in 0 1 2; do readlink /proc/self/fd/$fd; done; cat"))
                .redirectInput(input.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, monitor.waitFor());
        List<String> out = new String(monitor.getInputStream().readAllBytes()).lines().toList();
        assertEquals(4, out.size(), out.toString());
        for (String fd : out.subList(0, 3)) {
            assertTrue(fd.startsWith("pipe:["), "a pipe of the monitor's, not the caller's: " + out);
        }
        assertEquals("typed", out.getLast(), "the monitor's stdin fed through the pipe");
    }

    @Test
    void processOneLeadsASessionOfItsOwnWithoutATerminal() throws Exception {
        Process monitor = monitor(List.of("--tee"), "sh", "-c", "exec cat /proc/self/stat");
        assertEquals(0, monitor.waitFor());
        String stat = new String(monitor.getInputStream().readAllBytes());
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(stat.substring(0, stat.indexOf(' ')), fields[3], "its session is its own: " + stat);
        assertEquals("0", fields[4], "no controlling terminal: " + stat);
    }

    @Test
    void theNoneDriverDiscardsTheOutputAndTheShimsReportAloneReachesStderr() throws Exception {
        Path stderr = dir.resolve("monitor.log");
        Process monitor = new ProcessBuilder(monitorCommand(List.of("--detach"), "sh", "-c",
                "echo out; echo err >&2; echo 'minidocker-shim: exec: failed' >&$MINIDOCKER_REPORT_FD; exit 127"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        assertEquals(0, monitor.waitFor());
        assertEquals(Optional.of(new Monitor.Exit(127, false)), Monitor.exit(exitFile()));
        assertEquals("minidocker-shim: exec: failed\n", Files.readString(stderr));
        assertEquals(Optional.of("minidocker-shim: exec: failed"), Monitor.failure(stderr));
    }

    @Test
    void aDetachedTtyNeedsNoLog() throws Exception {
        Process monitor = monitor(List.of("--tty", "--detach"), "sh", "-c", "tty >/dev/null && echo discarded");
        assertEquals(0, monitor.waitFor());
        assertEquals(Optional.of(new Monitor.Exit(0, false)), Monitor.exit(exitFile()));
    }

    @Test
    void aNonBlockingStdoutThatFillsUpIsWaitedForNotDropped() throws Exception {
        List<String> command = new ArrayList<>(List.of("perl", "-MFcntl", "-e",
                "fcntl(STDOUT, F_SETFL, O_NONBLOCK) or die; exec @ARGV"));
        command.addAll(monitorCommand(List.of("--tee"), "sh", "-c", "head -c 1048576 /dev/zero"));
        Process monitor = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(300); // the pipe fills: the monitor's writes would block
        assertEquals(1048576, monitor.getInputStream().readAllBytes().length);
        assertEquals(0, monitor.waitFor());
    }

    @Test
    void anIgnoredSigchldInheritedStillRecordsTheExit() throws Exception {
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{CHLD} = 'IGNORE'; exec @ARGV"));
        command.addAll(monitorCommand(List.of("--tee"), "sh", "-c", "exit 3"));
        Process monitor = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(monitor.waitFor(5, TimeUnit.SECONDS), "the monitor waits for an exit it never sees");
        } finally {
            monitor.destroyForcibly();
        }
        assertEquals(Optional.of(new Monitor.Exit(3, false)), Monitor.exit(exitFile()));
    }

    @Test
    void aFullDiskDropsWholeEntriesNeverTearsOneAndSaysSoOnce() throws Exception {
        String listing = onSmallTmpfs("size=4k", List.of(), "i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i+1)); done");
        List<String> logged = listing.substring(listing.indexOf("== log\n") + 7, listing.indexOf("== stderr\n")).lines().toList();
        assertTrue(logged.size() > 10 && logged.size() < 200, listing);
        for (int i = 0; i < logged.size(); i++) {
            assertEquals("line " + i + "\n", entry(logged.get(i)).get("log").asText(), "whole entries in order");
        }
        assertEquals(List.of("minidocker-monitor: warning: write log " + tmpfs() + "/log: No space left on device"),
                listing.substring(listing.indexOf("== stderr\n") + 10).lines().toList());
    }

    @Test
    void aRotationThatCannotMakeTheNewFileGoesOnInTheCurrentOne() throws Exception {
        String listing = onSmallTmpfs("nr_inodes=2", List.of("--log-max-size", "200", "--log-max-files", "3"),
                "i=0; while [ $i -lt 20 ]; do echo line $i; i=$((i+1)); done");
        assertTrue(listing.startsWith("== log\n"), "no rotated file: " + listing);
        List<String> logged = listing.substring(7, listing.indexOf("== stderr\n")).lines().toList();
        assertEquals(20, logged.size(), listing);
        assertEquals(List.of("minidocker-monitor: warning: rotate log " + tmpfs() + "/log: No space left on device"),
                listing.substring(listing.indexOf("== stderr\n") + 10).lines().toList());
    }

    @Test
    void readonlyDirectoriesCannotBeWrittenFromInsideAndNothingIsMountedOnTheHost() throws Exception {
        Path host = Files.createDirectories(dir.resolve("jdk"));
        Files.writeString(host.resolve("java"), "binary");
        Process monitor = failing(List.of("--tee", "--readonly", host.toString()), "sh", "-c",
                "echo changed >> " + host.resolve("java") + " || echo refused");
        assertEquals(0, monitor.waitFor());
        assertEquals("refused\n", new String(monitor.getInputStream().readAllBytes()));
        assertTrue(new String(monitor.getErrorStream().readAllBytes()).contains("Read-only file system"));
        assertEquals("binary", Files.readString(host.resolve("java")));
        assertTrue(Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().noneMatch(l -> l.contains(dir.toString())),
                "nothing mounted on the host");
    }

    @Test
    void readonlyDirectoriesAreBoundInAUserNamespaceToo() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path host = Files.createDirectories(dir.resolve("lib"));
        Process monitor = monitor(List.of("--tee", "--uidmap", "0 100000 65536", "--readonly", host.toString()), "sh",
                "-c", "grep ' " + host + " ' /proc/self/mountinfo | cut -d' ' -f6 | cut -d, -f1");
        assertEquals(0, monitor.waitFor());
        assertEquals("0\n", Files.readString(exitFile()));
        assertEquals("ro\n", new String(monitor.getInputStream().readAllBytes()));
    }

    @Test
    void recordsAnOomKillCountedDuringTheRun() throws Exception {
        Path events = dir.resolve("memory.events");
        Files.writeString(events, "low 0\noom 0\noom_kill 0\n");
        Process monitor = monitor(List.of("--oom-file", events.toString()), "sh", "-c",
                "printf 'low 0\\noom 1\\noom_kill 1\\n' > " + events + "; exit 137");
        assertEquals(0, monitor.waitFor());
        assertEquals(Optional.of(new Monitor.Exit(137, true)), Monitor.exit(exitFile()));
    }

    @Test
    void badUsageIsOneLineAnd125() throws Exception {
        Process monitor = new ProcessBuilder(BINARY.toString(), "--log-max-files", "x", "--", "true")
                .redirectErrorStream(true).start();
        assertEquals(125, monitor.waitFor());
        assertEquals("minidocker-monitor: --log-max-files: not a number: x",
                new String(monitor.getInputStream().readAllBytes()).lines().findFirst().orElseThrow());
    }

    @Test
    void aDetachedMonitorsFailureIsTheLastLineItWrote() throws Exception {
        Path log = dirs().monitorLog();
        assertEquals(Optional.empty(), Monitor.failure(log), "no file");
        Files.writeString(log, "");
        assertEquals(Optional.empty(), Monitor.failure(log), "nothing said");
        Files.writeString(log, "minidocker-monitor: first\nminidocker-monitor: open_tree /l/1: No such file\n\n");
        assertEquals(Optional.of("minidocker-monitor: open_tree /l/1: No such file"), Monitor.failure(log));
    }

    @Test
    void noExitFileOrAGarbledOneIsNoStatus() throws Exception {
        assertEquals(Optional.empty(), Monitor.exit(exitFile()));
        Files.writeString(exitFile(), "");
        assertEquals(Optional.empty(), Monitor.exit(exitFile()));
        Files.writeString(exitFile(), "oops\n");
        assertEquals(Optional.empty(), Monitor.exit(exitFile()));
    }

    private Path tmpfs() {
        return dir.resolve("small");
    }

    private Path exitFile() {
        return dir.resolve("exit");
    }

    private Path log() {
        return dirs().jsonLog();
    }

    private static JsonNode entry(String line) throws IOException {
        return new ObjectMapper().readTree(line);
    }

    private static String hostname() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    }

    /** The real monitor: new namespaces, the host's network kept out of the test's way. */
    private Process monitor(List<String> options, String... child) throws Exception {
        return new ProcessBuilder(monitorCommand(options, child)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** {@code options} and the container's output on the monitor's stdout. */
    private static List<String> tee(List<String> options) {
        List<String> teed = new ArrayList<>(options);
        teed.add("--tee");
        return teed;
    }

    /** A monitor whose stderr the test reads. */
    private Process failing(List<String> options, String... child) throws Exception {
        return new ProcessBuilder(monitorCommand(options, child)).start();
    }

    private List<String> monitorCommand(List<String> options, String... child) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--exit-file", exitFile().toString()));
        command.addAll(options);
        command.add("--");
        command.addAll(List.of(child));
        return command;
    }

    /**
     * The monitor with its log on a tmpfs of {@code options} (a full one) in a mount namespace of
     * its own, so nothing is left mounted; returns each file of the tmpfs after {@code == NAME},
     * then the monitor's stderr after {@code == stderr}.
     */
    private String onSmallTmpfs(String options, List<String> logOptions, String child) throws Exception {
        Files.createDirectories(tmpfs());
        List<String> monitorOptions = new ArrayList<>(List.of("--log", tmpfs() + "/log"));
        monitorOptions.addAll(logOptions);
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o " + options + " none " + tmpfs() + " && \"$@\" 2>" + dir.resolve("stderr")
                        + "; for f in $(ls " + tmpfs() + "); do echo \"== $f\"; cat " + tmpfs() + "/$f; done", "sh"));
        command.addAll(monitorCommand(monitorOptions, "sh", "-c", child));
        Process shell = new ProcessBuilder(command).redirectErrorStream(true).start();
        String listing = new String(shell.getInputStream().readAllBytes());
        assertEquals(0, shell.waitFor(), listing);
        assertTrue(Files.exists(exitFile()), listing);
        return listing + "== stderr\n" + Files.readString(dir.resolve("stderr"));
    }

    /** The child, once started. */
    private static ProcessHandle childOf(Process monitor) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
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
