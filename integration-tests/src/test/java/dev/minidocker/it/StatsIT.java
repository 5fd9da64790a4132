package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code stats}: what a busy container with a memory limit uses, read from its cgroup. */
class StatsIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void aBusyContainersCpuMemoryAndPids() {
        pull(IMAGES.busybox());
        minidocker.run("run", "-d", "--name", "busy", "-m", "64m", IMAGES.busybox(), "sh", "-c", "while :; do :; done")
                .assertSuccess();
        minidocker.run("create", "--name", "idle", IMAGES.busybox(), "true").assertSuccess();
        try {
            String line = minidocker.run("stats", "--no-stream", "--format",
                    "{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.MemPerc}}|{{.NetIO}}|{{.PIDs}}", "busy").assertSuccess()
                    .stdout().strip();
            String[] fields = line.split("\\|");
            assertEquals("busy", fields[0], line);
            double cpu = Double.parseDouble(fields[1].replace("%", ""));
            assertTrue(cpu > 10, "a spinning shell uses a CPU: " + line);
            assertTrue(fields[2].matches("[0-9.]+[KM]iB / 64MiB"), line);
            assertEquals("0B / 0B", fields[4], line);
            assertEquals("1", fields[5], line);

            List<String> table = minidocker.run("stats", "--no-stream").assertSuccess().stdoutLines();
            assertTrue(table.get(0).matches("CONTAINER ID +NAME +CPU % +MEM USAGE / LIMIT +MEM % +NET I/O +BLOCK I/O +PIDS"),
                    table.toString());
            assertEquals(2, table.size(), "running containers only: " + table);
            assertEquals("idle 0.00% 0B / 0B", minidocker.run("stats", "-a", "--no-stream", "--format",
                    "{{.Name}} {{.CPUPerc}} {{.MemUsage}}").assertSuccess().stdoutLines().stream()
                    .filter(l -> l.startsWith("idle")).findFirst().orElseThrow());
        } finally {
            minidocker.run("rm", "-f", "busy", "idle").assertSuccess();
        }
    }
}
