package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code stats}: a running container's use from its cgroup, a stopped one's as zeros. */
class StatsIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void showsCpuMemoryNetworkBlockIoAndPids() {
        String busy = minidocker.run("run", "-d", "--network", "none", "-m", "64m", "--name", "busy",
                IMAGES.busybox(), "sh", "-c",
                "echo ready; sleep 300 & while :; do :; done").assertSuccess().lastStdoutLine();
        String stopped = minidocker.run("create", "--name", "stopped", IMAGES.busybox(), "true").assertSuccess()
                .lastStdoutLine();
        awaitReady(busy);
        List<String> table = minidocker.run("stats", "--no-stream").assertSuccess().stdoutLines();
        String line = minidocker.run("stats", "--no-stream", "--format",
                "{{.Name}}|{{.MemUsage}}|{{.NetIO}}|{{.PIDs}}|{{.CPUPerc}}", "busy").assertSuccess().stdoutLines().get(0);
        List<String> zeros = minidocker.run("stats", "--no-stream", "--no-trunc", "stopped").assertSuccess().stdoutLines();
        String[] f = line.split("\\|");
        assertAll(
                () -> assertEquals(List.of("CONTAINER", "ID", "NAME", "CPU", "%", "MEM", "USAGE", "/", "LIMIT", "MEM", "%",
                        "NET", "I/O", "BLOCK", "I/O", "PIDS"), List.of(table.get(0).split("\\s+"))),
                () -> assertEquals(2, table.size(), table::toString),
                () -> assertTrue(table.get(1).startsWith(busy.substring(0, 12) + "   busy"), table::toString),
                () -> assertEquals("busy", f[0]),
                () -> assertTrue(f[1].endsWith(" / 64MiB"), line),
                () -> assertEquals("0B / 0B", f[2], "--network none: no interface but lo"),
                () -> assertEquals("2", f[3], line),
                () -> assertTrue(Double.parseDouble(f[4].replace("%", "")) > 5, line),
                () -> assertEquals(List.of(stopped, "stopped", "0.00%", "0B", "/", "0B", "0.00%", "0B", "/", "0B", "0B",
                        "/", "0B", "0"), List.of(zeros.get(1).split("\\s+")), zeros::toString));
        minidocker.run("rm", "-f", busy, stopped).assertSuccess();
    }
}
