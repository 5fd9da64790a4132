package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a process inside a container sees of the host, from inside busybox: its own host name,
 * pid 1, Docker's capabilities, masked and read-only parts of /proc, no mounting, and only the
 * network it was given.
 */
class RunIsolationIT extends RunTestBase {
    /** Docker's 14 default capabilities, as /proc/self/status prints the set. */
    private static final String DOCKER_CAPABILITIES = "00000000a80425fb";
    /** Docker's masked paths that are files: /dev/null is bound over them. */
    private static final List<String> MASKED_FILES = List.of("/proc/interrupts", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/sched_debug", "/proc/timer_list", "/proc/timer_stats");
    /** Docker's masked paths that are directories: an empty read-only tmpfs is mounted on them. */
    private static final List<String> MASKED_DIRECTORIES = List.of("/proc/acpi", "/proc/asound", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void hostNameIsTheShortIdUnlessGiven() {
        // Without a network the host name is loopback's, as Docker's --network none has it.
        CommandResult result = minidocker.run("run", "--network", "none", IMAGES.busybox(), "sh", "-c",
                "hostname; cat /etc/hostname; cat /etc/hosts").assertSuccess();
        String shortId = traces.onlyId().substring(0, 12);
        List<String> lines = result.stdoutLines();
        assertAll(
                () -> assertEquals(shortId, lines.get(0), "hostname"),
                () -> assertEquals(shortId, lines.get(1), "/etc/hostname"),
                () -> assertTrue(hosts(result).contains("127.0.0.1 localhost"), result::toString),
                () -> assertTrue(hosts(result).contains("127.0.0.1 " + shortId), result::toString));

        CommandResult named = minidocker.run("run", "--rm", "--network", "none", "-h", "web", IMAGES.busybox(), "sh", "-c",
                "hostname; cat /etc/hostname; cat /etc/hosts").assertSuccess();
        assertAll(
                () -> assertEquals(List.of("web", "web"), named.stdoutLines().subList(0, 2)),
                () -> assertTrue(hosts(named).contains("127.0.0.1 web"), named::toString));
    }

    @Test
    void entrypointIsProcessOne() {
        CommandResult result = minidocker.run("run", "--rm", IMAGES.busybox(), "sh", "-c",
                "echo $$; tr '\\0' ' ' < /proc/1/cmdline; echo").assertSuccess();
        assertEquals(List.of("1", "sh -c echo $$; tr '\\0' ' ' < /proc/1/cmdline; echo"),
                result.stdoutLines().stream().map(String::strip).toList());
    }

    @Test
    void rootIsTheHostsRootWithDockersCapabilities() {
        CommandResult result = minidocker.run("run", "--rm", IMAGES.busybox(), "sh", "-c",
                "cat /proc/self/uid_map; grep Cap /proc/self/status").assertSuccess();
        List<String> lines = result.stdoutLines();
        Map<String, String> capabilities = lines.subList(1, lines.size()).stream()
                .map(line -> line.split(":\\s*"))
                .collect(Collectors.toMap(fields -> fields[0], fields -> fields[1]));
        assertAll(
                () -> assertEquals(List.of("0", "0", "4294967295"), List.of(lines.get(0).strip().split("\\s+"))),
                () -> assertEquals(Map.of("CapInh", "0000000000000000", "CapPrm", DOCKER_CAPABILITIES,
                        "CapEff", DOCKER_CAPABILITIES, "CapBnd", DOCKER_CAPABILITIES,
                        "CapAmb", "0000000000000000"), capabilities));
    }

    @Test
    void maskedPathsAreEmpty() {
        // Only the paths this kernel has: the host must see something there for the test to mean anything.
        List<String> files = MASKED_FILES.stream().filter(path -> Files.exists(Path.of(path))).toList();
        List<String> directories = MASKED_DIRECTORIES.stream().filter(path -> Files.isDirectory(Path.of(path)))
                .toList();
        assertTrue(files.contains("/proc/interrupts") && files.contains("/proc/timer_list"), files::toString);
        assertNotEquals("0", HostCommand.check("sh", "-c", "wc -c < /proc/interrupts").stdout().strip());

        String script = "for f in " + String.join(" ", files) + "; do echo \"$f $(head -c 64 $f | wc -c)\"; done; "
                + "for d in " + String.join(" ", directories) + "; do echo \"$d $(ls -A $d | wc -l)\"; done";
        CommandResult result = minidocker.run("run", "--rm", IMAGES.busybox(), "sh", "-c", script).assertSuccess();
        List<String> expected = Stream.concat(files.stream(), directories.stream()).map(path -> path + " 0").toList();
        assertEquals(expected, result.stdoutLines(), result::toString);
    }

    @Test
    void procSysIsReadOnlyAndMountingIsRefused() {
        CommandResult result = minidocker.run("run", "--rm", IMAGES.busybox(), "sh", "-c",
                "echo x > /proc/sys/kernel/domainname; echo write $?; "
                        + "echo x > /proc/sysrq-trigger; echo sysrq $?; "
                        + "mount -t tmpfs none /tmp; echo mount $?; grep -c ' /tmp tmpfs ' /proc/mounts")
                .assertExit(1);
        assertAll(
                () -> assertEquals(List.of("write 1", "sysrq 1", "mount 1", "0"), result.stdoutLines()),
                () -> assertTrue(result.stderr().contains("/proc/sys/kernel/domainname: Read-only file system"),
                        result::toString),
                () -> assertTrue(result.stderr().contains("mount: permission denied"), result::toString));
    }

    @Test
    void networkNoneHasOnlyLoopbackAndHostSharesTheHosts() throws IOException {
        CommandResult none = minidocker.run("run", "--rm", "--network", "none", IMAGES.busybox(),
                "cat", "/proc/net/dev").assertSuccess();
        CommandResult host = minidocker.run("run", "--rm", "--network", "host", IMAGES.busybox(),
                "cat", "/proc/net/dev").assertSuccess();
        List<String> hostInterfaces = interfaces(Files.readString(Path.of("/proc/net/dev")));
        assertNotEquals(List.of("lo"), hostInterfaces, "the host has more than lo");
        assertAll(
                () -> assertEquals(List.of("lo"), interfaces(none.stdout())),
                () -> assertEquals(hostInterfaces.stream().sorted().toList(),
                        interfaces(host.stdout()).stream().sorted().toList()));
    }

    /** The interface names of a /proc/net/dev table (two header lines, then "name: counters"). */
    private static List<String> interfaces(String netDev) {
        return netDev.lines().skip(2).map(line -> line.substring(0, line.indexOf(':')).strip()).toList();
    }

    /** The /etc/hosts part of the output, one entry a line with single spaces. */
    private static List<String> hosts(CommandResult result) {
        return result.stdoutLines().stream().skip(2).map(line -> line.strip().replaceAll("\\s+", " ")).toList();
    }
}
