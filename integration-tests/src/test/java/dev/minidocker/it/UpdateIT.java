package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code update}: a running container's limits change in its cgroup, a created one's when it starts. */
class UpdateIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void aRunningContainersLimitsChangeAndInspectShowsThem() {
        String id = minidocker.run("run", "-d", "-m", "64m", IMAGES.busybox(), "sh", "-c", "echo ready; sleep 300")
                .assertSuccess().lastStdoutLine();
        awaitReady(id);
        minidocker.run("update", "-m", "128m", "--cpus", "0.5", "--pids-limit", "50", id).assertSuccess();
        String pidsMax = minidocker.run("exec", id, "cat", "/sys/fs/cgroup/pids/pids.max").assertSuccess().stdout().strip();
        String memory = minidocker.run("exec", id, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes").assertSuccess()
                .stdout().strip();
        JsonNode host = inspect(id).get("HostConfig");
        CommandResult tooSmall = minidocker.run("update", "-m", "1k", id);
        CommandResult noFlag = minidocker.run("update", id);
        assertAll(
                () -> assertEquals("50", pidsMax),
                () -> assertEquals("134217728", memory),
                () -> assertEquals(134217728, host.get("Memory").asLong()),
                () -> assertEquals(268435456, host.get("MemorySwap").asLong()),
                () -> assertEquals(500000000, host.get("NanoCpus").asLong()),
                () -> assertEquals(50, host.get("PidsLimit").asLong()),
                () -> assertEquals("minidocker: Cannot update container " + id + ": Minimum memory limit allowed is 6MB",
                        tooSmall.stderr().strip()),
                () -> assertEquals(1, noFlag.exitCode()));
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void aCreatedContainerStartsWithTheUpdatedLimits() {
        String id = minidocker.run("create", IMAGES.busybox(), "sh", "-c", "cat /sys/fs/cgroup/pids/pids.max")
                .assertSuccess().lastStdoutLine();
        assertEquals(List.of(id), minidocker.run("update", "--pids-limit", "20", id).assertSuccess().stdoutLines());
        assertEquals(List.of("20"), minidocker.run("start", "-a", id).assertSuccess().stdoutLines());
        minidocker.run("rm", id).assertSuccess();
    }
}
