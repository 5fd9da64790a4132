package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What containers leave behind when {@code minidocker run} dies, and when many run at once: nothing. */
class RunCleanupIT extends RunTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CONCURRENT = 20;

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void containerOutlivesAKilledRunAndIsReconciledAfter() throws InterruptedException {
        try (StartedMinidocker run = StartedMinidocker.start(minidocker, "run", IMAGES.busybox(), "sleep", "1000")) {
            Eventually.until(() -> traces.ids().size() == 1, TIMEOUT, "the container to be created");
            String id = traces.onlyId();
            ContainerFiles container = new ContainerFiles(minidocker, id);
            long pid = container.entrypointPid("sleep", TIMEOUT);
            long monitor = container.state().path("monitorPid").asLong();
            assertEquals(137, run.killCommandOnly(), "SIGKILL of the minidocker run JVM");

            Thread.sleep(500);
            assertTrue(isAlive(pid), "the container stopped with the command that started it");
            assertTrue(isAlive(monitor), "its monitor stopped with the command that started it");

            // The container's process 1 is this test's, started through minidocker: end it as the OOM killer would.
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            Eventually.until(() -> !isAlive(monitor), TIMEOUT, "the monitor to record the exit");
            minidocker.run("images").assertSuccess();
            JsonNode state = container.state();
            assertAll(
                    () -> assertTrue(state.path("status").asText().equalsIgnoreCase("exited"), state::toString),
                    () -> assertEquals(137, state.path("exitCode").asInt(), state::toString),
                    () -> assertEquals(List.of(), ContainerTraces.cgroups(id)));
        }
    }

    @Test
    void manyContainersAtOnceLeaveNothing() {
        pull(IMAGES.busybox());
        List<StartedMinidocker> runs = new ArrayList<>();
        try {
            for (int i = 0; i < CONCURRENT; i++) {
                runs.add(StartedMinidocker.start(minidocker, "run", "--rm", IMAGES.busybox(), "true"));
            }
            List<CommandResult> results = runs.stream().map(run -> run.await(Duration.ofMinutes(3))).toList();
            assertAll(results.stream().map(result -> () -> result.assertSuccess()));
        } finally {
            runs.forEach(StartedMinidocker::close);
        }
        assertEquals(List.of(), containerRecords());
        assertEquals(CONCURRENT, traces.ids().size(), "containers made");
    }

    @Test
    void aPlainRunUsesTheMonitorItStartedBeforeParsing() {
        pull(IMAGES.busybox());
        CommandResult result = minidocker.run("run", "--rm", "-e", "A=B", IMAGES.busybox(), "sh", "-c", "echo $A; exit 3");
        assertEquals(3, result.exitCode(), result::toString);
        assertEquals("B\n", result.stdout());
        // One container directory: the early monitor's, adopted; a second would be a guess abandoned.
        assertEquals(1, traces.ids().size(), "containers made");
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void aRunWhoseOptionsDoNotParseLeavesNothingOfItsEarlyMonitor() {
        pull(IMAGES.busybox());
        CommandResult result = minidocker.run("run", "--no-such-option", IMAGES.busybox(), "true");
        assertEquals(125, result.exitCode(), result::toString);
        // Docker's two lines, and nothing of the early-started monitor and shim.
        assertEquals(List.of("unknown flag: --no-such-option", "See 'minidocker run --help'."), result.stderrLines());
        assertEquals(1, traces.ids().size(), "the early monitor's container directory was made");
        assertEquals(List.of(), containerRecords());
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
