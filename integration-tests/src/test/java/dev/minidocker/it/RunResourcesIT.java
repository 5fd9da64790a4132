package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Docker's resource flags on the real cgroups of this machine (v1 here): the kernel enforces them. */
class RunResourcesIT extends RunTestBase {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final Duration START = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void memoryHogIsOomKilled() {
        // busybox dd allocates its block: 64 MB against a 16 MB limit (32 MB with swap).
        CommandResult result = minidocker.run("run", "-m", "16m", IMAGES.busybox(),
                "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1").assertExit(137);
        JsonNode state = new ContainerFiles(minidocker, traces.onlyId()).state();
        assertAll(
                () -> assertTrue(result.stderrLines().stream().anyMatch(line -> line.startsWith("minidocker: ")
                        && line.contains("OOM-killed")), result::toString),
                () -> assertTrue(state.path("oomKilled").asBoolean(), state::toString),
                () -> assertEquals(137, state.path("exitCode").asInt(), state::toString));
    }

    @Test
    void limitsDockerRefusesAreRefusedAtCreateNotAtStart() {
        CommandResult tooLittle = minidocker.run("create", "-m", "1k", IMAGES.busybox(), "true").assertExit(125);
        assertAll(
                () -> assertEquals(List.of("minidocker: Minimum memory limit allowed is 6MB"), tooLittle.stderrLines()),
                () -> assertEquals("", tooLittle.stdout()),
                () -> assertEquals(List.of(), traces.ids().stream().toList()));
    }

    @Test
    void theLimitsThatApplyAreWhatInspectAndDryRunShow() throws IOException {
        String id = minidocker.run("create", "-m", "16m", "--pids-limit", "20", IMAGES.busybox(), "true")
                .assertSuccess().stdout().strip();
        JsonNode hostConfig = inspect(id).path("HostConfig");
        JsonNode spec = JSON.readTree(minidocker.run("run", "--dry-run", "-m", "16m", "--cpus", "0.5",
                IMAGES.busybox(), "true").assertSuccess().stdout()).at("/linux/resources");
        assertAll(
                () -> assertEquals(16 << 20, hostConfig.path("Memory").asLong(), hostConfig::toString),
                () -> assertEquals(32 << 20, hostConfig.path("MemorySwap").asLong(), "twice the memory, as the kernel has it"),
                () -> assertEquals(16 << 20, spec.at("/memory/limit").asLong(), spec::toString),
                () -> assertEquals(32 << 20, spec.at("/memory/swap").asLong(), spec::toString),
                () -> assertEquals(50_000, spec.at("/cpu/quota").asLong(), spec::toString),
                () -> assertEquals(100_000, spec.at("/cpu/period").asLong(), spec::toString));
    }

    @Test
    void pidsLimitContainsAForkLoop() {
        // At most 200 forks, each announced first: the limit stops the loop well before.
        CommandResult result = minidocker.run("run", "--rm", "--pids-limit", "64", IMAGES.busybox(), "sh", "-c",
                "i=0; while [ $i -lt 200 ]; do i=$((i+1)); echo $i; sleep 30 & done; echo all started");
        List<String> lines = result.stdoutLines();
        assertAll(
                () -> assertNotEquals(0, result.exitCode(), result::toString),
                () -> assertTrue(result.stderr().contains("can't fork"), result::toString),
                () -> assertTrue(lines.size() <= 64 && !lines.contains("all started"), result::toString));
        HostCommand.check("true");
    }

    @Test
    void cpuAndMemoryLimitsAreWrittenToTheCgroup() throws IOException {
        try (StartedMinidocker run = StartedMinidocker.start(minidocker, "run", "--rm", "--cpus", "0.5",
                "--cpu-shares", "512", "-m", "32m", "--pids-limit", "100", IMAGES.busybox(), "sleep", "60")) {
            Eventually.until(() -> traces.ids().size() == 1, START, "the container to be created");
            String id = traces.onlyId();
            long pid = new ContainerFiles(minidocker, id).entrypointPid("sleep", START);
            Path cpu = CGROUPS.resolve("cpu/minidocker").resolve(id);
            assertAll(
                    () -> assertEquals("50000", read(cpu.resolve("cpu.cfs_quota_us"))),
                    () -> assertEquals("100000", read(cpu.resolve("cpu.cfs_period_us"))),
                    () -> assertEquals("512", read(cpu.resolve("cpu.shares"))),
                    () -> assertEquals(Long.toString(32 << 20),
                            read(CGROUPS.resolve("memory/minidocker").resolve(id).resolve("memory.limit_in_bytes"))),
                    () -> assertEquals("100", read(CGROUPS.resolve("pids/minidocker").resolve(id).resolve("pids.max"))),
                    () -> assertTrue(read(cpu.resolve("cgroup.procs")).lines().toList().contains(Long.toString(pid))));
            // Its process 1 is this test's (indirectly): ending it ends the run.
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            run.await(START).assertExit(137);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }
}
