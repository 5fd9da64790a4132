package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The device cgroup and the cgroup hierarchies, attack first: a container may mknod any device, as
 * Docker's may, but open only Docker's default list and what {@code --device} and
 * {@code --device-cgroup-rule} add; its process 1 is in the container's cgroup in every hierarchy.
 */
class RunDevicesIT extends RunTestBase {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final Duration START = Duration.ofSeconds(60);

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void aDeviceOutsideTheDefaultListCanBeMadeButNotOpened() {
        // /dev/kmsg's numbers: opened, the host's kernel log would take what the container writes.
        CommandResult result = minidocker.run("run", "--rm", IMAGES.busybox(), "sh", "-c",
                "mknod /k c 1 11 && echo made; echo minidocker-devices-it > /k; echo open $?; "
                        + "mknod /sda b 8 0 && head -c 1 /sda; echo block $?; "
                        + "echo x > /dev/null && head -c 1 /dev/zero > /dev/null && head -c 1 /dev/urandom > /dev/null"
                        + " && head -c 1 /dev/full > /dev/null; echo defaults $?");
        assertAll(
                () -> assertEquals(List.of("made", "open 1", "block 1", "defaults 0"), result.stdoutLines(),
                        result::toString),
                () -> assertTrue(result.stderr().contains("can't create /k: Operation not permitted"),
                        result::toString),
                () -> assertTrue(result.stderr().contains("/sda: Operation not permitted"), result::toString));
    }

    @Test
    void theDeviceFlagMakesTheHostsNodeAndAllowsItWithItsPermissions() {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.exists(Path.of("/dev/loop-control")),
                "needs /dev/fuse and /dev/loop-control");
        // The rules are by device number: a second --device of the same node would add its permissions.
        CommandResult result = minidocker.run("run", "--rm", "--device", "/dev/loop-control",
                "--device", "/dev/fuse:/dev/readonly-fuse:r", IMAGES.busybox(), "sh", "-c",
                "ls -ln /dev/loop-control /dev/readonly-fuse | tr -s ' ' | cut -d ' ' -f 1,3-6; "
                        + "(exec 3<>/dev/loop-control) && echo rw-opened; (exec 4</dev/readonly-fuse) && echo r-opened; "
                        + "(exec 5<>/dev/readonly-fuse) || echo rw-refused");
        assertAll(
                () -> assertEquals(List.of("crw------- 0 0 10, 237", "crw------- 0 0 10, 229", "rw-opened",
                        "r-opened", "rw-refused"), result.stdoutLines(), result::toString),
                () -> assertTrue(result.stderr().contains("/dev/readonly-fuse: Operation not permitted"),
                        result::toString));
    }

    @Test
    void aDeviceCgroupRuleLetsTheContainerOpenWhatItMakes() {
        CommandResult result = minidocker.run("run", "--rm", "--device-cgroup-rule", "c 10:229 rw",
                "--device-cgroup-rule", "b 7:* r", IMAGES.busybox(), "sh", "-c",
                "mknod /f c 10 229 && (exec 3<>/f) && echo fuse-opened; "
                        + "mknod /k c 1 11; echo x > /k || echo kmsg-refused");
        assertEquals(List.of("fuse-opened", "kmsg-refused"), result.stdoutLines(), result::toString);
    }

    @Test
    void badDeviceFlagsAreRefusedAndLeaveNoContainer() {
        CommandResult missing = minidocker.run("run", "--rm", "--device", "/dev/no-such-device", IMAGES.busybox(),
                "true").assertExit(125);
        CommandResult rule = minidocker.run("run", "--rm", "--device-cgroup-rule", "c 1:11", IMAGES.busybox(),
                "true").assertExit(125);
        assertAll(
                () -> assertTrue(missing.stderr().contains("error gathering device information while adding custom "
                        + "device \"/dev/no-such-device\": no such file or directory"), missing::toString),
                () -> assertTrue(rule.stderr().contains("invalid argument \"c 1:11\" for \"--device-cgroup-rule\" "
                        + "flag: invalid device cgroup format 'c 1:11'"), rule::toString),
                () -> assertEquals(List.of(), containerRecords()));
    }

    @Test
    void processOneIsInTheContainersCgroupInEveryHierarchyAndSeesThemReadOnly() throws IOException {
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sleep", "60").assertSuccess().stdout().strip();
        long pid = new ContainerFiles(minidocker, id).entrypointPid("sleep", START);
        List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"));
        CommandResult inside = minidocker.run("exec", id, "sh", "-c",
                "ls /sys/fs/cgroup; grep ' /sys/fs/cgroup' /proc/self/mounts | cut -d ' ' -f 2-4 | cut -d , -f 1; "
                        + "cat /proc/self/cgroup").assertSuccess();
        List<String> out = inside.stdoutLines();
        if (Files.exists(CGROUPS.resolve("cgroup.controllers"))) {
            // cgroup v2: the one unified hierarchy.
            assertAll(
                    () -> assertEquals(List.of("0::/minidocker/" + id), lines),
                    () -> assertTrue(out.contains("/sys/fs/cgroup cgroup2 ro"), inside::toString),
                    () -> assertEquals("0::/", out.getLast(), inside::toString));
        } else {
            List<String> hierarchies = hierarchies(false);
            List<String> names = hierarchies(true);
            int n = hierarchies.size();
            assertAll(
                    () -> assertEquals(n, lines.size(), lines::toString),
                    () -> assertTrue(lines.stream().allMatch(l -> l.endsWith(":/minidocker/" + id)), lines::toString),
                    () -> assertEquals(names, out.subList(0, names.size()), inside::toString),
                    () -> assertEquals("/sys/fs/cgroup tmpfs ro", out.get(names.size()), inside::toString),
                    () -> assertEquals(hierarchies.stream().map(h -> "/sys/fs/cgroup/" + h + " "
                            + (h.equals("unified") ? "cgroup2" : "cgroup") + " ro").toList(),
                            out.subList(names.size() + 1, names.size() + 1 + n), inside::toString),
                    () -> assertEquals(n, out.stream().filter(l -> l.endsWith(":/")).count(),
                            "exec joins every hierarchy too: " + inside));
        }
        minidocker.run("rm", "-f", id).assertSuccess();
        assertEquals(List.of(), ContainerTraces.cgroups(id));
    }

    /** The host's cgroup hierarchies under /sys/fs/cgroup, by name, with or without the links to co-mounts. */
    private static List<String> hierarchies(boolean links) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(CGROUPS)) {
            for (Path e : entries.sorted().toList()) {
                if ((links || !Files.isSymbolicLink(e)) && Files.exists(e.resolve("cgroup.procs"))) {
                    names.add(e.getFileName().toString());
                }
            }
        }
        assertFalse(names.isEmpty());
        return names;
    }
}
