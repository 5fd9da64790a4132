package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code top}: the container's processes and no other, in ps's columns. */
class TopIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void listsTheContainersProcessesInDockersColumns() {
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sh", "-c",
                "sleep 301 & echo ready; sleep 302").assertSuccess().lastStdoutLine();
        awaitReady(id);
        List<String> lines = minidocker.run("top", id).assertSuccess().stdoutLines();
        List<String> custom = minidocker.run("top", id, "-o", "pid,args").assertSuccess().stdoutLines();
        CommandResult renamed = minidocker.run("top", id, "-o", "user=PID");
        minidocker.run("kill", id).assertSuccess();
        minidocker.run("wait", id);
        CommandResult stopped = minidocker.run("top", id);
        assertAll(
                () -> assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"),
                        List.of(lines.get(0).split("\\s+")), lines::toString),
                () -> assertEquals(3, lines.size(), lines::toString),
                () -> assertTrue(lines.get(1).endsWith("sleep 302") || lines.get(2).endsWith("sleep 302"), lines::toString),
                () -> assertTrue(lines.get(1).endsWith("sleep 301") || lines.get(2).endsWith("sleep 301"), lines::toString),
                () -> assertTrue(lines.get(0).startsWith("UID" + " ".repeat(17) + "PID"), lines::toString),
                () -> assertEquals(3, custom.size(), custom::toString),
                () -> assertTrue(custom.get(0).startsWith("PID") && custom.get(0).endsWith("COMMAND"), custom::toString),
                () -> assertEquals("minidocker: specifying \"user=PID\" is not allowed", renamed.stderr().strip()),
                () -> assertEquals("minidocker: Container " + id + " is not running", stopped.stderr().strip()));
        minidocker.run("rm", id).assertSuccess();
    }
}
