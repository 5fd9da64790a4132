package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code diff}: Docker's A/C/D lines from the container's writable layer, running or stopped. */
class DiffIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void addedChangedAndDeletedFilesAreListedWithTheirDirectories() {
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sh", "-c",
                "touch /tmp/x && rm /bin/ls && mkdir -p /n/m && echo >> /etc/passwd && echo ready && sleep 300")
                .assertSuccess().lastStdoutLine();
        awaitReady(id);
        List<String> expected = List.of("C /bin", "D /bin/ls", "C /etc", "C /etc/passwd", "A /n", "A /n/m", "C /tmp",
                "A /tmp/x");
        assertEquals(expected, minidocker.run("diff", id).assertSuccess().stdoutLines());
        minidocker.run("kill", id).assertSuccess();
        minidocker.run("wait", id);
        assertEquals(expected, minidocker.run("container", "diff", id).assertSuccess().stdoutLines());
        minidocker.run("rm", id).assertSuccess();
        assertEquals("minidocker: No such container: " + id, minidocker.run("diff", id).assertExit(1).stderr().strip());
    }
}
