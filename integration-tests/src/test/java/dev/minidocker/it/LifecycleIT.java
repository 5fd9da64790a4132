package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Containers after {@code create}: {@code start}, {@code ps}, {@code stop}, {@code kill}, {@code wait}, {@code rm}, {@code rename}, {@code inspect}, {@code container prune}. */
class LifecycleIT extends RunTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String LOOP = "echo ready; while :; do sleep 1; done";

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void createStartStopShowsEachStatus() {
        String id = minidocker.run("create", "--name", "web", IMAGES.busybox(), "sh", "-c", "trap 'exit 0' TERM; " + LOOP)
                .assertSuccess().lastStdoutLine();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals(List.of(), minidocker.run("ps", "-q").assertSuccess().stdoutLines(), "ps without -a");
        assertTrue(row("web").contains("Created"), row("web"));

        assertEquals("web", minidocker.run("start", "web").assertSuccess().stdout().strip());
        awaitReady(id);
        String up = row("web");
        assertTrue(up.startsWith(id.substring(0, 12)) && up.contains(" Up "), up);
        assertEquals(List.of(id.substring(0, 12)), minidocker.run("ps", "-q").assertSuccess().stdoutLines());

        long started = System.nanoTime();
        assertEquals("web", minidocker.run("stop", "-t", "10", "web").assertSuccess().stdout().strip());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "a stop the trap obeys is quick");
        assertTrue(row("web").contains("Exited (0) "), row("web"));
        assertEquals("exited 0", minidocker.run("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "web")
                .assertSuccess().stdout().strip());
        assertEquals(List.of(), ContainerTraces.cgroups(id), "cgroup removed by stop");
        assertEquals("web", minidocker.run("rm", "web").assertSuccess().stdout().strip());
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void restartKeepsTheContainerAndWhatItWrote() throws IOException {
        String id = minidocker.run("create", "--name", "again", IMAGES.busybox(), "sh", "-c",
                "echo start >> /marker; trap 'exit 0' TERM; " + LOOP).assertSuccess().lastStdoutLine();
        minidocker.run("start", "again").assertSuccess();
        awaitReady(id);
        assertEquals("again", minidocker.run("restart", "-t", "5", "again").assertSuccess().stdout().strip());
        Path marker = minidocker.root().resolve("containers").resolve(id).resolve("upper").resolve("marker");
        Eventually.until(() -> readIfPresent(marker).equals("start\nstart\n"), TIMEOUT, "the second start to write its line");
        assertTrue(row("again").contains(" Up "), row("again"));
        assertEquals(List.of(id.substring(0, 12)), minidocker.run("ps", "-q").assertSuccess().stdoutLines(),
                "the same container, running again");
        minidocker.run("rm", "-f", "again").assertSuccess();
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void stopKillsWhatIgnoresTermAfterTheTimeout() {
        String id = minidocker.run("create", "--name", "stubborn", IMAGES.busybox(), "sh", "-c", "trap '' TERM; " + LOOP)
                .assertSuccess().lastStdoutLine();
        minidocker.run("start", "stubborn").assertSuccess();
        awaitReady(id);
        long started = System.nanoTime();
        minidocker.run("stop", "-t", "1", "stubborn").assertSuccess();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(millis >= 1000 && millis < 6000, "stop -t 1 took " + millis + " ms");
        assertTrue(row("stubborn").contains("Exited (137) "), row("stubborn"));
        assertEquals("137", minidocker.run("wait", "stubborn").assertSuccess().stdout().strip());
        minidocker.run("rm", "stubborn").assertSuccess();
    }

    @Test
    void killSendsTheSignalToTheTrapAndWaitPrintsTheStatus() throws IOException {
        String id = minidocker.run("create", "--name", "trapper", IMAGES.busybox(), "sh", "-c",
                "trap 'echo got USR1; exit 3' USR1; " + LOOP).assertSuccess().lastStdoutLine();
        minidocker.run("start", "trapper").assertSuccess();
        awaitReady(id);
        try (StartedMinidocker wait = StartedMinidocker.start(minidocker, "wait", "trapper")) {
            assertEquals("trapper", minidocker.run("kill", "-s", "USR1", "trapper").assertSuccess().stdout().strip());
            assertEquals("3\n", wait.await(TIMEOUT).assertSuccess().stdout());
        }
        assertTrue(Files.readString(log(id)).contains("got USR1"));
        CommandResult again = minidocker.run("kill", "trapper").assertExit(1);
        assertTrue(again.stderr().contains("Container trapper is not running"), again::toString);
        minidocker.run("rm", id.substring(0, 12)).assertSuccess();
    }

    @Test
    void rmRefusesARunningContainerUnlessForced() {
        String id = minidocker.run("create", "--name", "busy", IMAGES.busybox(), "sh", "-c", LOOP)
                .assertSuccess().lastStdoutLine();
        minidocker.run("start", "busy").assertSuccess();
        awaitReady(id);
        CommandResult refused = minidocker.run("rm", "busy").assertExit(1);
        assertTrue(refused.stderr().contains("cannot remove container \"/busy\": container is running: stop the"
                + " container before removing or force remove"), refused::toString);
        assertTrue(row("busy").contains(" Up "));
        assertEquals("busy", minidocker.run("rm", "-f", "busy").assertSuccess().stdout().strip());
        assertEquals(List.of(), containerRecords());
        assertEquals(List.of(), ContainerTraces.cgroups(id));
    }

    @Test
    void rmForcedWhileTheContainerStartsFindsItRunningOrNotStarted() {
        for (int round = 0; round < 4; round++) {
            String id = minidocker.run("create", IMAGES.busybox(), "sleep", "30").assertSuccess().lastStdoutLine();
            try (StartedMinidocker start = StartedMinidocker.start(minidocker, "start", id)) {
                CommandResult rm = minidocker.run("rm", "-f", id).assertSuccess();
                CommandResult started = start.await(Duration.ofSeconds(60));
                // Started first and then removed, or removed first: then there was nothing to start.
                assertTrue(started.exitCode() == 0 || started.stderr().startsWith("minidocker: No such container"),
                        started::toString);
                assertEquals("", rm.stderr(), rm::toString);
            }
            assertEquals(List.of(), containerRecords());
            assertEquals(List.of(), ContainerTraces.cgroups(id));
        }
    }

    @Test
    void containersAreNamedByNameIdOrUniquePrefix() {
        List<String> ids = new ArrayList<>();
        String ambiguous = null;
        // Until two ids share their first digit: that one digit is an ambiguous prefix.
        while (ambiguous == null) {
            String id = minidocker.run("create", IMAGES.busybox(), "true").assertSuccess().lastStdoutLine();
            for (String other : ids) {
                if (other.charAt(0) == id.charAt(0)) {
                    ambiguous = id.substring(0, 1);
                }
            }
            ids.add(id);
        }
        String first = ids.getFirst();
        minidocker.run("rename", first.substring(0, 12), "renamed").assertSuccess();
        assertEquals("/renamed " + first, minidocker.run("inspect", "--format", "{{.Name}} {{.Id}}", "renamed")
                .assertSuccess().stdout().strip());
        assertEquals("/renamed", minidocker.run("inspect", "--format", "{{.Name}}", first).assertSuccess().stdout().strip());
        CommandResult unknown = minidocker.run("container", "inspect", "nope").assertExit(1);
        assertTrue(unknown.stderr().contains("No such container: nope"), unknown::toString);
        CommandResult noObject = minidocker.run("inspect", "nope").assertExit(1);
        assertTrue(noObject.stderr().contains("No such object: nope"), noObject::toString);
        CommandResult many = minidocker.run("rm", ambiguous).assertExit(1);
        assertTrue(many.stderr().contains("multiple containers"), many::toString);
        CommandResult taken = minidocker.run("rename", ids.get(1), "renamed").assertExit(1);
        assertTrue(taken.stderr().contains("already in use"), taken::toString);
        List<String> rm = new ArrayList<>(List.of("container", "rm"));
        rm.addAll(ids);
        minidocker.run(rm.toArray(String[]::new)).assertSuccess();
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void containerPruneRemovesWhatDoesNotRun() {
        String created = minidocker.run("create", IMAGES.busybox(), "true").assertSuccess().lastStdoutLine();
        String exited = minidocker.run("create", IMAGES.busybox(), "sh", "-c", "exit 5").assertSuccess().lastStdoutLine();
        assertEquals(5, minidocker.run("start", "-a", exited).exitCode());
        String running = minidocker.run("create", "--name", "keep", IMAGES.busybox(), "sh", "-c", LOOP)
                .assertSuccess().lastStdoutLine();
        minidocker.run("start", "keep").assertSuccess();
        awaitReady(running);
        CommandResult pruned = minidocker.run("container", "prune", "-f").assertSuccess();
        assertEquals("Deleted Containers:", pruned.stdoutLines().getFirst(), pruned::toString);
        assertTrue(pruned.stdoutLines().containsAll(List.of(created, exited)), pruned::toString);
        assertTrue(pruned.lastStdoutLine().startsWith("Total reclaimed space: "), pruned::toString);
        assertEquals(List.of(running.substring(0, 12)),
                minidocker.run("container", "ls", "-a", "-q").assertSuccess().stdoutLines());
        minidocker.run("rm", "-f", "keep").assertSuccess();
    }

    @Test
    void startAttachedPrintsTheOutputAndReturnsTheStatus() {
        minidocker.run("create", "--name", "hello", IMAGES.busybox(), "sh", "-c", "echo hello; exit 4").assertSuccess();
        CommandResult attached = minidocker.run("start", "-a", "hello").assertExit(4);
        assertEquals("hello\n", attached.stdout());
        assertTrue(row("hello").contains("Exited (4) "), row("hello"));
        assertEquals("hello", minidocker.run("ps", "-a", "--filter", "status=exited", "--format", "{{.Names}}")
                .assertSuccess().stdout().strip());
        assertEquals("", minidocker.run("ps", "--filter", "status=running", "-q").assertSuccess().stdout());
        minidocker.run("rm", "hello").assertSuccess();
    }

    @Test
    void inspectShowsDockersFields() throws IOException {
        String id = minidocker.run("create", "--name", "inspected", "-e", "FOO=bar", "-w", "/tmp", "-m", "64m",
                "--read-only", IMAGES.busybox(), "echo", "hi").assertSuccess().lastStdoutLine();
        JsonNode all = new ObjectMapper().readTree(minidocker.run("inspect", "inspected").assertSuccess().stdout());
        JsonNode c = all.get(0);
        assertAll(
                () -> assertEquals(1, all.size()),
                () -> assertEquals(id, c.path("Id").asText()),
                () -> assertEquals("/inspected", c.path("Name").asText()),
                () -> assertTrue(c.path("Image").asText().startsWith("sha256:"), c.toString()),
                () -> assertEquals("created", c.path("State").path("Status").asText()),
                () -> assertEquals(false, c.path("State").path("Running").asBoolean()),
                () -> assertEquals(0, c.path("State").path("Pid").asInt()),
                () -> assertEquals("[\"echo\",\"hi\"]", c.path("Config").path("Cmd").toString()),
                () -> assertTrue(c.path("Config").path("Env").toString().contains("FOO=bar"), c.toString()),
                () -> assertEquals("/tmp", c.path("Config").path("WorkingDir").asText()),
                () -> assertEquals(64L << 20, c.path("HostConfig").path("Memory").asLong()),
                () -> assertTrue(c.path("HostConfig").path("ReadonlyRootfs").asBoolean()),
                () -> assertEquals("overlay", c.path("GraphDriver").path("Name").asText()),
                () -> assertTrue(c.path("GraphDriver").path("Data").path("UpperDir").asText().endsWith(id + "/upper")),
                () -> assertTrue(c.path("GraphDriver").path("Data").path("LowerDir").asText().contains("/layers/")));
        assertEquals("[echo hi]", minidocker.run("inspect", "--format", "{{.Config.Cmd}}", "inspected")
                .assertSuccess().stdout().strip());
        assertEquals("echo|hi|", minidocker.run("inspect", "--format", "{{range .Config.Cmd}}{{.}}|{{end}}", "inspected")
                .assertSuccess().stdout().strip());
        CommandResult bad = minidocker.run("inspect", "--format", "{{.Config.Cmd", "inspected");
        assertEquals(1, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("template parsing error: template: :1: unclosed action"), bad::toString);
        minidocker.run("rm", "inspected").assertSuccess();
    }

    /** The ps -a line of the container named {@code name}. */
    private String row(String name) {
        return minidocker.run("ps", "-a").assertSuccess().stdoutLines().stream()
                .filter(line -> line.endsWith(" " + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ps -a line for " + name));
    }
}
