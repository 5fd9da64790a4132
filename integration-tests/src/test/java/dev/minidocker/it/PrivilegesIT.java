package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --cap-add}, {@code --cap-drop} and {@code --privileged} as Docker's daemon applies them,
 * each checked from inside a real container: what the default refuses, the flag allows.
 */
class PrivilegesIT extends RunTestBase {
    /** Every capability the tests hold themselves: the most a container's process can be given. */
    private static final String ALL_CAPS = boundingSet();

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    private static String boundingSet() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapBnd:"))
                    .findFirst().orElseThrow().substring("CapBnd:".length()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> run(String... args) {
        return minidocker.run(args).assertSuccess().stdoutLines();
    }

    @Test
    void capAddGivesWhatTheDefaultRefuses() {
        String mount = "mkdir -p /m && mount -t tmpfs none /m && echo mounted || echo refused";
        assertAll(
                () -> assertEquals(List.of("refused"), run("run", "--rm", IMAGES.busybox(), "sh", "-c", mount)),
                // Docker's profile lets mount through for a container holding CAP_SYS_ADMIN.
                () -> assertEquals(List.of("mounted"),
                        run("run", "--rm", "--cap-add", "sys_admin", IMAGES.busybox(), "sh", "-c", mount)));
    }

    @Test
    void capDropTakesAwayAndDroppingAllKeepsOnlyTheAdded() {
        String chown = "touch /f && chown 1 /f && echo chowned || echo refused";
        assertAll(
                () -> assertEquals(List.of("chowned"), run("run", "--rm", IMAGES.busybox(), "sh", "-c", chown)),
                () -> assertEquals(List.of("refused"),
                        run("run", "--rm", "--cap-drop", "CHOWN", IMAGES.busybox(), "sh", "-c", chown)),
                // CAP_CHOWN is bit 0: alone it is 1, in every set.
                () -> assertEquals(List.of("CapPrm:\t0000000000000001", "CapEff:\t0000000000000001",
                        "CapBnd:\t0000000000000001"), run("run", "--rm", "--cap-drop", "ALL", "--cap-add", "CAP_CHOWN",
                        IMAGES.busybox(), "grep", "-E", "^Cap(Prm|Eff|Bnd)", "/proc/self/status")));
    }

    @Test
    void privilegedHasEveryCapabilityNoFilterNoMasksAndTheHostsDevices() {
        List<String> inside = run("run", "--rm", "--privileged", IMAGES.busybox(), "sh", "-c",
                "grep -E '^(CapEff|Seccomp):' /proc/self/status; "
                        + "grep -E ' /sys (sysfs|cgroup)|/sys/fs/cgroup' /proc/mounts | grep -c ' ro,'; "
                        + "grep -c -E ' /proc/(keys|sys) ' /proc/mounts; "
                        + "(exec 3</dev/kmsg) && echo kmsg-opened; "
                        + "mknod /k c 1 11 && (exec 4</k) && echo made-kmsg-opened");
        assertEquals(List.of("CapEff:\t" + ALL_CAPS, "Seccomp:\t0", "0", "0", "kmsg-opened", "made-kmsg-opened"),
                inside);
        List<String> plain = minidocker.run("run", "--rm", IMAGES.busybox(), "sh", "-c",
                "grep -E '^Seccomp:' /proc/self/status; test -e /dev/kmsg || echo no-kmsg; "
                        + "grep -c -E ' /proc/(keys|sys) ' /proc/mounts").stdoutLines();
        assertEquals(List.of("Seccomp:\t2", "no-kmsg", "2"), plain);
    }

    @Test
    void execInAPrivilegedContainerIsPrivilegedToo() {
        String id = minidocker.run("run", "-d", "--privileged", IMAGES.busybox(), "sleep", "60").assertSuccess()
                .stdout().strip();
        try {
            assertEquals(List.of("CapEff:\t" + ALL_CAPS, "Seccomp:\t0"),
                    run("exec", id, "grep", "-E", "^(CapEff|Seccomp):", "/proc/self/status"));
        } finally {
            minidocker.run("rm", "-f", id).assertSuccess();
        }
    }

    @Test
    void inspectShowsTheFlagsAsDockerDoes() {
        minidocker.run("create", "--name", "flags", "--cap-add", "net_admin", "--cap-drop", "mknod",
                "--device", "/dev/fuse:/dev/f:rw", "--device-cgroup-rule", "c 1:11 r", IMAGES.busybox(), "true")
                .assertSuccess();
        minidocker.run("create", "--name", "plain", IMAGES.busybox(), "true").assertSuccess();
        JsonNode flags = inspect("flags").get("HostConfig");
        JsonNode plain = inspect("plain").get("HostConfig");
        assertAll(
                () -> assertFalse(flags.get("Privileged").asBoolean()),
                () -> assertEquals("[\"CAP_NET_ADMIN\"]", flags.get("CapAdd").toString()),
                () -> assertEquals("[\"CAP_MKNOD\"]", flags.get("CapDrop").toString()),
                () -> assertEquals("[{\"PathOnHost\":\"/dev/fuse\",\"PathInContainer\":\"/dev/f\","
                        + "\"CgroupPermissions\":\"rw\"}]", flags.get("Devices").toString()),
                () -> assertEquals("[\"c 1:11 r\"]", flags.get("DeviceCgroupRules").toString()),
                () -> assertTrue(plain.get("CapAdd").isNull() && plain.get("DeviceCgroupRules").isNull()),
                () -> assertEquals("[]", plain.get("Devices").toString()));
        minidocker.run("rm", "flags", "plain").assertSuccess();
    }

    @Test
    void anUnknownCapabilityIsOneLineAndNothingIsMade() {
        CommandResult result = minidocker.run("run", "--rm", "--cap-add", "fly", IMAGES.busybox(), "true")
                .assertExit(125);
        assertAll(
                () -> assertEquals(List.of("minidocker: unknown capability: \"CAP_FLY\""), result.stderrLines(),
                        result::toString),
                () -> assertEquals(List.of(), run("ps", "-aq")));
    }
}
