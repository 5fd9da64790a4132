package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code run -d}: the container outlives the command, its output goes to Docker's json-file log
 * (bounded and rotated), and its end is recorded by the monitor with no minidocker command running.
 */
class DetachedIT extends RunTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void runDetachedPrintsTheIdAndTheContainerOutlivesTheCommand() throws IOException {
        pull(IMAGES.busybox());
        long started = System.nanoTime();
        CommandResult run = minidocker.run("run", "-d", "--name", "ticker", IMAGES.busybox(), "sh", "-c",
                "echo started; echo oops >&2; while :; do echo tick; sleep 0.2; done").assertSuccess();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String id = run.stdout().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), run::toString);
        assertEquals("", run.stderr(), "a pulled image: nothing but the id");
        assertTrue(took.toSeconds() < 10, "run -d returns at once: " + took);

        Eventually.until(() -> logged(id).contains("tick\\n"), TIMEOUT, "the container to write to its log");
        List<JsonNode> entries = entries(id);
        assertEquals("started\n", entries.getFirst().path("log").asText(), entries::toString);
        assertTrue(entries.stream().anyMatch(e -> e.path("stream").asText().equals("stderr")
                && e.path("log").asText().equals("oops\n")), entries::toString);
        Instant time = Instant.parse(entries.getFirst().path("time").asText());
        assertTrue(Duration.between(time, Instant.now()).toSeconds() < 30, time::toString);

        JsonNode state = inspect(id).path("State");
        assertEquals("running", state.path("Status").asText());
        long monitor = monitorPid(id);
        assertEquals(monitor, session(monitor), "the monitor leads a session of its own: no terminal's hangup reaches it");
        assertTrue(monitorRss(monitor) <= 2048, "monitor RSS " + monitorRss(monitor) + " kB");

        minidocker.run("rm", "-f", "ticker").assertSuccess();
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void theExitIsRecordedWithNoMinidockerCommandRunning() throws IOException {
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sh", "-c", "sleep 0.3; exit 3")
                .assertSuccess().stdout().strip();
        Path exit = minidocker.root().resolve("containers").resolve(id).resolve("exit");
        Eventually.until(() -> Files.exists(exit), TIMEOUT, "the monitor to record the exit");
        assertEquals("3\n", Files.readString(exit));
        Instant written = Files.getLastModifiedTime(exit).toInstant();
        sleep(Duration.ofMillis(1200));

        JsonNode state = inspect(id).path("State");
        assertEquals("exited", state.path("Status").asText());
        assertEquals(3, state.path("ExitCode").asInt());
        Instant finished = Instant.parse(state.path("FinishedAt").asText());
        assertTrue(Duration.between(written, finished).abs().toMillis() < 100,
                "FinishedAt is when it ended (" + written + "), not when it was looked at: " + finished);
        assertTrue(minidocker.run("ps", "-a").assertSuccess().stdout().contains("Exited (3) "));
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void anOomKillOfADetachedContainerIsRecordedByTheMonitor() throws IOException {
        String id = minidocker.run("run", "-d", "-m", "16m", "--memory-swap", "16m", IMAGES.busybox(), "sh", "-c",
                "x=; while :; do x=$x$x$x$x$x$x$x$x$x$x-; done").assertSuccess().stdout().strip();
        Path exit = minidocker.root().resolve("containers").resolve(id).resolve("exit");
        Eventually.until(() -> Files.exists(exit), TIMEOUT, "the memory hog to be killed");
        assertEquals("137 oom\n", Files.readString(exit));
        JsonNode state = inspect(id).path("State");
        assertTrue(state.path("OOMKilled").asBoolean(), state::toString);
        assertEquals(137, state.path("ExitCode").asInt());
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void aMissingCommandFailsTheRunWithDockersStatus() {
        pull(IMAGES.busybox());
        CommandResult run = minidocker.run("run", "-d", "--name", "broken", IMAGES.busybox(), "no-such-command");
        assertEquals(127, run.exitCode(), () -> run + "\n" + minidocker.run("ps", "-a") + "\n"
                + logged(minidocker.run("inspect", "--format", "{{.Id}}", "broken").stdout().strip()));
        assertTrue(run.stderr().contains("no-such-command"), run::toString);
        assertEquals(1, run.stderr().lines().count(), run::toString);
        assertTrue(minidocker.run("ps", "-a").assertSuccess().stdout().contains("Exited (127) "));
        minidocker.run("rm", "broken").assertSuccess();
    }

    @Test
    void theLogRotatesAtMaxSizeAndKeepsMaxFile() throws IOException {
        String id = minidocker.run("run", "-d", "--log-opt", "max-size=2k", "--log-opt", "max-file=2", IMAGES.busybox(),
                "sh", "-c", "i=0; while [ $i -lt 500 ]; do echo line $i; i=$((i+1)); done").assertSuccess().stdout().strip();
        assertEquals("0", minidocker.run("wait", id).assertSuccess().stdout().strip());
        Path dir = minidocker.root().resolve("containers").resolve(id);
        Path current = dir.resolve(id + "-json.log");
        Path rotated = dir.resolve(id + "-json.log.1");
        assertTrue(Files.exists(rotated), "rotated once at least");
        assertFalse(Files.exists(dir.resolve(id + "-json.log.2")), "max-file=2: the current file and one more");
        assertTrue(Files.size(rotated) >= 2048 && Files.size(rotated) < 2048 + 100, "rotated at " + Files.size(rotated));
        List<JsonNode> last = entries(id);
        assertEquals("line 499\n", last.getLast().path("log").asText());
        JsonNode config = inspect(id).path("HostConfig").path("LogConfig");
        assertEquals("json-file", config.path("Type").asText(), config::toString);
        assertEquals("2k", config.path("Config").path("max-size").asText(), config::toString);
        assertTrue(Files.size(current) < 2048 + 100);
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void logOptionsAreCheckedAndTheNoneDriverKeepsNothing() {
        CommandResult bad = minidocker.run("run", "-d", "--log-opt", "max-size=lots", IMAGES.busybox(), "true");
        assertEquals(125, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("max-size"), bad::toString);
        CommandResult unknown = minidocker.run("run", "-d", "--log-opt", "colour=red", IMAGES.busybox(), "true");
        assertEquals(125, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("unknown log opt 'colour' for json-file log driver"), unknown::toString);
        assertEquals(List.of(), containerRecords(), "a refused run creates nothing");

        // Discarded, as Docker's none driver does: not into the monitor's own log, nor the record's error.
        String id = minidocker.run("run", "-d", "--log-driver", "none", IMAGES.busybox(), "sh", "-c",
                "echo hi; echo oops >&2").assertSuccess().stdout().strip();
        assertEquals("0", minidocker.run("wait", id).assertSuccess().stdout().strip());
        Path dir = minidocker.root().resolve("containers").resolve(id);
        assertFalse(Files.exists(dir.resolve(id + "-json.log")));
        assertEquals("", readIfPresent(dir.resolve("monitor.log")));
        assertEquals("", inspect(id).path("State").path("Error").asText());
        minidocker.run("rm", id).assertSuccess();

        CommandResult missing = minidocker.run("run", "-d", "--name", "missing", "--log-driver", "none",
                IMAGES.busybox(), "nosuch");
        assertEquals(127, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("exec: \"nosuch\": executable file not found in $PATH"), missing::toString);
        minidocker.run("rm", "missing").assertSuccess();

        String tty = minidocker.run("run", "-dt", "--log-driver", "none", IMAGES.busybox(), "sh", "-c", "tty; exit 3")
                .assertSuccess().stdout().strip();
        assertEquals("3", minidocker.run("wait", tty).assertSuccess().stdout().strip(), "-t is allowed with none");
        minidocker.run("rm", tty).assertSuccess();
    }

    @Test
    void aForegroundRunIsLoggedToo() {
        CommandResult run = minidocker.run("run", "--name", "fg", IMAGES.busybox(), "sh", "-c", "echo out; echo err >&2");
        run.assertSuccess();
        assertEquals("out\n", run.stdout());
        assertTrue(run.stderr().contains("err\n"), run::toString);
        String id = inspect("fg").path("Id").asText();
        assertEquals(List.of("out\n", "err\n"), entries(id).stream().map(e -> e.path("log").asText()).sorted(
                (a, b) -> b.compareTo(a)).toList());
        minidocker.run("rm", "fg").assertSuccess();
    }

    @Test
    void aDetachedTtyContainerIsLoggedFromItsTerminal() {
        String id = minidocker.run("run", "-dit", IMAGES.busybox(), "sh", "-c", "tty; echo hi")
                .assertSuccess().stdout().strip();
        assertEquals("0", minidocker.run("wait", id).assertSuccess().stdout().strip());
        List<String> logged = entries(id).stream().map(e -> e.path("log").asText()).toList();
        assertEquals("/dev/console\r\n", logged.getFirst(), "ttyname finds the terminal bound there");
        assertEquals("hi\r\n", logged.getLast());
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void detachedRmContainersGoWhenTheyEnd() {
        String id = minidocker.run("run", "-d", "--rm", IMAGES.busybox(), "true").assertSuccess().stdout().strip();
        Path exit = minidocker.root().resolve("containers").resolve(id).resolve("exit");
        Eventually.until(() -> !Files.exists(exit.getParent()) || Files.exists(exit), TIMEOUT, "the container to end");
        assertEquals("", minidocker.run("ps", "-a", "-q").assertSuccess().stdout());
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void psDuringParallelRunsAndRemovalsNeverShowsATornRecord() throws Exception {
        pull(IMAGES.busybox());
        List<StartedMinidocker> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(StartedMinidocker.start(minidocker, "run", "-d", "--name", "par" + i, IMAGES.busybox(),
                    "sleep", "1000"));
        }
        List<CommandResult> listings = new ArrayList<>();
        for (StartedMinidocker run : runs) {
            listings.add(minidocker.run("ps", "-a", "--format", "{{.ID}} {{.Names}} {{.Status}}"));
            run.await(Duration.ofSeconds(120)).assertSuccess();
        }
        List<StartedMinidocker> removals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            removals.add(StartedMinidocker.start(minidocker, "rm", "-f", "par" + i));
        }
        for (StartedMinidocker removal : removals) {
            listings.add(minidocker.run("ps", "-a", "--format", "{{.ID}} {{.Names}} {{.Status}}"));
            removal.await(Duration.ofSeconds(120)).assertSuccess();
        }
        for (CommandResult listing : listings) {
            listing.assertSuccess();
            for (String line : listing.stdoutLines()) {
                assertTrue(line.matches("[0-9a-f]{12} par\\d+ (Up .*|Created|Exited \\(\\d+\\) .*)"), line);
            }
        }
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void aKilledMonitorIsReconciledByTheNextCommand() throws Exception {
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sh", "-c", "echo ready; while :; do sleep 1; done")
                .assertSuccess().stdout().strip();
        awaitReady(id);
        ProcessHandle monitor = ProcessHandle.of(monitorPid(id)).orElseThrow();
        List<ProcessHandle> container = monitor.children().toList();
        assertEquals(1, container.size(), container::toString);
        monitor.destroyForcibly();
        monitor.onExit().get();
        assertTrue(container.getFirst().isAlive(), "the container's process 1 outlives its monitor at first");

        String listing = minidocker.run("ps", "-a").assertSuccess().stdout();
        assertTrue(listing.contains("Exited (255) "), listing);
        for (ProcessHandle p : container) {
            p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertEquals(List.of(), ContainerTraces.cgroups(id), "the reconciling command emptied and removed the cgroup");
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void afterARebootTheContainersShowAsExitedAndStartAgain() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("boot1", "boot2")) {
            ids.add(minidocker.run("run", "-d", "--name", name, IMAGES.busybox(), "sh", "-c",
                    "echo up >> /runs; while :; do sleep 1; done").assertSuccess().stdout().strip());
        }
        // The host goes down: every process of the containers dies at once, their cgroups go.
        for (String id : ids) {
            long monitor = monitorPid(id);
            List<ProcessHandle> all = new ArrayList<>(ProcessHandle.of(monitor).orElseThrow().descendants().toList());
            all.add(ProcessHandle.of(monitor).orElseThrow());
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : all) {
                p.onExit().get();
            }
        }
        for (String id : ids) {
            for (Path cgroup : ContainerTraces.cgroups(id)) {
                Files.delete(cgroup);
            }
            Files.deleteIfExists(minidocker.root().resolve("containers").resolve(id).resolve("exit"));
        }

        String listing = minidocker.run("ps", "-a").assertSuccess().stdout();
        assertEquals(2, listing.lines().filter(l -> l.contains("Exited (255) ")).count(), listing);
        assertEquals("", minidocker.run("ps", "-q").assertSuccess().stdout());

        minidocker.run("start", "boot1", "boot2").assertSuccess();
        for (String id : ids) {
            Path runs = minidocker.root().resolve("containers").resolve(id).resolve("upper").resolve("runs");
            Eventually.until(() -> readIfPresent(runs).equals("up\nup\n"), TIMEOUT, "the container to run again");
        }
        assertEquals(2, minidocker.run("ps", "-q").assertSuccess().stdoutLines().size());
        minidocker.run("rm", "-f", "boot1", "boot2").assertSuccess();
        assertEquals(List.of(), containerRecords());
    }

    private long monitorPid(String id) {
        try {
            JsonNode record = JSON.readTree(minidocker.root().resolve("containers").resolve(id)
                    .resolve("container.json").toFile());
            return record.path("state").path("monitorPid").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    private static long monitorRss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
    }

    private String logged(String id) {
        return readIfPresent(log(id));
    }

    private List<JsonNode> entries(String id) {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : logged(id).lines().toList()) {
            try {
                entries.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertNotEquals(List.of(), entries, "a log");
        return entries;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
