package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pause} and {@code unpause} through the cgroup freezer: checked by the freezer's own state
 * and by a counter the container writes, which stops while it is paused and goes on after.
 */
class PauseIT extends RunTestBase {
    private static final String COUNTER = "echo ready; i=0; while :; do i=$((i+1)); echo $i > /n; sleep 0.05; done";
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void aPausedContainerStopsProgressingUntilUnpaused() throws Exception {
        pull(IMAGES.busybox());
        String id = minidocker.run("run", "-d", "--name", "counter", IMAGES.busybox(), "sh", "-c", COUNTER)
                .assertSuccess().stdout().strip();
        awaitReady(id);
        Path counter = minidocker.root().resolve("containers").resolve(id).resolve("upper").resolve("n");
        Eventually.until(() -> count(counter) > 0, Duration.ofSeconds(10), "the counter to start");

        assertEquals(List.of("counter"), minidocker.run("pause", "counter").assertSuccess().stdoutLines());
        assertEquals("FROZEN", freezerState(id));
        long paused = count(counter);
        Thread.sleep(500);
        assertEquals(paused, count(counter), "no progress while paused");
        assertEquals("counter paused Up", minidocker.run("ps", "--format", "{{.Names}} {{.State}} {{.Status}}")
                .assertSuccess().stdout().strip().replaceAll(" Up .*\\(Paused\\)$", " Up"));
        assertEquals("paused true true", minidocker.run("inspect", "--format",
                "{{.State.Status}} {{.State.Paused}} {{.State.Running}}", "counter").assertSuccess().stdout().strip());
        assertEquals(List.of("counter"), minidocker.run("ps", "--filter", "status=paused", "--format", "{{.Names}}")
                .assertSuccess().stdoutLines());
        assertEquals(List.of("minidocker: Container " + id + " is already paused"),
                minidocker.run("pause", "counter").assertExit(1).stderrLines());
        assertEquals(List.of("minidocker: Container " + id + " is paused, unpause the container before exec"),
                minidocker.run("exec", "counter", "true").assertExit(1).stderrLines());

        assertEquals(List.of("counter"), minidocker.run("unpause", "counter").assertSuccess().stdoutLines());
        assertEquals("THAWED", freezerState(id));
        Eventually.until(() -> count(counter) > paused, Duration.ofSeconds(10), "the counter to go on");
        assertEquals(List.of("minidocker: Container " + id + " is not paused"),
                minidocker.run("unpause", "counter").assertExit(1).stderrLines());

        // A paused container is still removed by rm -f: the kill reaches it once it is thawed.
        minidocker.run("pause", "counter").assertSuccess();
        minidocker.run("rm", "-f", "counter").assertSuccess();
        assertEquals("", minidocker.run("ps", "-aq").assertSuccess().stdout());
    }

    @Test
    void onlyARunningContainerPauses() {
        pull(IMAGES.busybox());
        String id = minidocker.run("create", "--name", "idle", IMAGES.busybox(), "true").assertSuccess().stdout().strip();
        assertEquals(List.of("minidocker: Container " + id + " is not running"),
                minidocker.run("pause", "idle").assertExit(1).stderrLines());
        assertEquals(List.of("minidocker: No such container: nope"),
                minidocker.run("unpause", "nope").assertExit(1).stderrLines());
        assertEquals(1, minidocker.run("pause").exitCode(), "a container must be named");
        minidocker.run("rm", "idle").assertSuccess();
    }

    private static long count(Path counter) {
        String text = readIfPresent(counter).strip();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    /** The freezer's state in words: v1's freezer.state, or v2's frozen event as FROZEN/THAWED. */
    private static String freezerState(String id) throws Exception {
        if (Files.exists(CGROUP.resolve("cgroup.controllers"))) {
            String events = Files.readString(CGROUP.resolve("minidocker").resolve(id).resolve("cgroup.events"));
            return events.contains("frozen 1") ? "FROZEN" : "THAWED";
        }
        String state = Files.readString(CGROUP.resolve("freezer").resolve("minidocker").resolve(id)
                .resolve("freezer.state")).strip();
        assertNotEquals("FREEZING", state, "pause returns once the kernel has frozen it");
        return state;
    }
}
