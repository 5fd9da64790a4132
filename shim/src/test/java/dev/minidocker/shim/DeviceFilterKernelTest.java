package dev.minidocker.shim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.Resources.DeviceRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device filter on the real kernel, in a cgroup2 directory of our own under a {@code minidocker}
 * parent: /sys/fs/cgroup on a cgroup v2 host, /sys/fs/cgroup/unified on a hybrid one, where the
 * kernel runs a cgroup2 directory's device programs too. Needs root; leaves nothing behind.
 */
class DeviceFilterKernelTest {
    @TempDir
    Path tmp;
    private Path parent;
    private boolean parentIsOurs;
    private Path dir;

    @BeforeEach
    void aCgroupOfOurOwn() throws IOException {
        Path root = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? Path.of("/sys/fs/cgroup")
                : Path.of("/sys/fs/cgroup/unified");
        assumeTrue(Files.exists(root.resolve("cgroup.controllers")) && Files.isWritable(root), "needs root and cgroup2");
        parent = root.resolve("minidocker");
        parentIsOurs = !Files.exists(parent);
        dir = Files.createDirectories(parent.resolve("test-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
    }

    @AfterEach
    void leaveNothingBehind() throws Exception {
        if (dir == null) {
            return;
        }
        for (int i = 0; i < 100 && Files.exists(dir); i++) {
            try {
                Files.delete(dir);
            } catch (java.nio.file.FileSystemException busy) {
                // A process that left is still counted until it is reaped.
                Thread.sleep(20);
            }
        }
        assertFalse(Files.exists(dir));
        if (parentIsOurs) {
            try {
                Files.delete(parent);
            } catch (IOException inUse) {
                // a container of another run is in it
            }
        }
    }

    private static DeviceRule allow(long major, Long minor, String access) {
        return new DeviceRule(true, "c", major, minor, access);
    }

    /** What a shell moved into the cgroup says of mknod and open of /dev/kmsg's and /dev/full's numbers. */
    private String probe(List<DeviceRule> rules) throws Exception {
        DeviceFilter.open(Syscalls.system(), dir, rules).attach(Narrator.SILENT);
        String script = "echo $$ > " + dir.resolve("cgroup.procs") + " || exit 9; cd " + tmp + "; "
                + "mknod kmsg c 1 11 && echo made; if true > kmsg; then echo kmsg-opened; fi; "
                + "mknod full c 1 7 && head -c 1 full > byte && echo full-read";
        Process sh = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        assertTrue(sh.waitFor(10, SECONDS));
        return new String(sh.getInputStream().readAllBytes());
    }

    @Test
    void aDeviceOutsideTheRulesCanBeMadeButNotOpened() throws Exception {
        String out = probe(List.of(new DeviceRule(false, "a", null, null, "rwm"),
                new DeviceRule(true, "c", null, null, "m"), allow(1, 7L, "rwm")));
        assertEquals("made\n/bin/sh: 1: cannot create kmsg: Operation not permitted\nfull-read\n", out);
    }

    @Test
    void anAllowedDeviceOpens() throws Exception {
        String out = probe(List.of(new DeviceRule(false, "a", null, null, "rwm"),
                new DeviceRule(true, "c", null, null, "m"), allow(1, 11L, "w"), allow(1, 7L, "r")));
        assertEquals("made\nkmsg-opened\nfull-read\n", out);
    }

    @Test
    void withoutMknodNothingIsMade() throws Exception {
        String out = probe(List.of(new DeviceRule(false, "a", null, null, "rwm"), allow(1, 7L, "rw")));
        assertTrue(out.contains("Operation not permitted") && !out.contains("made") && !out.contains("full-read"), out);
    }
}
