package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --userns=private}, {@code --uidmap}, {@code --gidmap}: container root is an unprivileged
 * host uid, yet inside {@code id} says root and the image's files keep their owners (idmapped
 * layers); on the host its processes and new files belong to the mapped uid. The test base checks
 * that nothing is left mounted, running or in a cgroup.
 */
class RunUsernsIT extends RunTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    /**
     * The mapped root must pass through the directories above the store, as through /var/lib (the
     * store and its containers/ are made searchable by minidocker); the test's directory is 0700.
     */
    @BeforeEach
    void letTheMappedRootThrough() throws IOException {
        Path state = minidocker.root().getParent();
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(state);
        mode.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(state, mode);
    }

    @Test
    void insideRootIsRootAndTheImagesFilesKeepTheirOwners() {
        pull(IMAGES.busybox());
        CommandResult result = minidocker.run("run", "--rm", "--userns=private", IMAGES.busybox(), "sh", "-c",
                "id -u; id -g; cat /proc/self/uid_map; stat -c %u:%g /bin/busybox /home/bob; "
                        + "echo made > /made && stat -c %u:%g /made; mkdir /home/bob/x && echo root-writes-bobs-dir")
                .assertSuccess();
        List<String> lines = result.stdoutLines();
        List<String> map = List.of(lines.get(2).strip().split("\\s+"));
        assertAll(
                () -> assertEquals(List.of("0", "0"), lines.subList(0, 2), "id -u, id -g"),
                () -> assertEquals("0", map.get(0)),
                () -> assertTrue(Long.parseLong(map.get(1)) >= 100000, "an unprivileged host range: " + map),
                () -> assertEquals("65536", map.get(2)),
                () -> assertEquals(List.of("0:0", "1000:50", "0:0", "root-writes-bobs-dir"), lines.subList(3, 7),
                        "busybox is root's, /home/bob bob's, a new file root's; root's capabilities hold inside"));
    }

    @Test
    void onTheHostTheContainersProcessesAndNewFilesAreTheMappedUids() throws IOException {
        pull(IMAGES.busybox());
        String id = minidocker.run("run", "-d", "--userns=private", IMAGES.busybox(), "sh", "-c",
                "echo made > /made; sleep 60").assertSuccess().stdout().strip();
        JsonNode container = inspect(id);
        String uidMap = container.path("HostConfig").path("IDMappings").path("UidMap").get(0).asText();
        long hostRoot = Long.parseLong(uidMap.split(":")[1]);
        Path upper = Path.of(container.path("GraphDriver").path("Data").path("UpperDir").asText());
        Eventually.until(() -> Files.exists(upper.resolve("made")), TIMEOUT, "the container to write /made");
        long pid = container.path("State").path("Pid").asLong();
        List<String> ids = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("Uid:") || line.startsWith("Gid:"))
                .map(line -> String.join(" ", line.split("\\s+"))).toList();
        JsonNode spec = new ContainerFiles(minidocker, id).spec();
        // The cgroup2 hierarchy too (v2's only one, or a hybrid host's): the monitor moved it there.
        List<String> cgroups = Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"));
        String mapping = "{\"containerID\":0,\"hostID\":" + hostRoot + ",\"size\":65536}";
        assertAll(
                () -> assertEquals("0:" + hostRoot + ":65536", uidMap),
                () -> assertEquals("private", container.path("HostConfig").path("UsernsMode").asText()),
                () -> assertEquals(List.of("Uid: " + hostRoot + " " + hostRoot + " " + hostRoot + " " + hostRoot,
                        "Gid: " + hostRoot + " " + hostRoot + " " + hostRoot + " " + hostRoot), ids),
                () -> assertEquals(hostRoot, ((Number) Files.getAttribute(upper.resolve("made"), "unix:uid")).longValue()),
                () -> assertEquals("[" + mapping + "]", spec.path("linux").path("uidMappings").toString()),
                () -> assertEquals("[" + mapping + "]", spec.path("linux").path("gidMappings").toString()),
                () -> assertTrue(spec.path("linux").path("namespaces").toString().contains("\"user\"")),
                () -> assertTrue(cgroups.contains("0::/minidocker/" + id), cgroups::toString));

        // exec joins the user namespace first: root inside, the mapped uid outside, the same files.
        CommandResult exec = minidocker.run("exec", id, "sh", "-c", "id -u; cat /made; cat /proc/self/uid_map")
                .assertSuccess();
        assertEquals(List.of("0", "made", "0 " + hostRoot + " 65536"),
                exec.stdoutLines().stream().map(l -> String.join(" ", l.trim().split("\\s+"))).toList(), exec::toString);

        // A second container running meanwhile gets a range of its own.
        CommandResult other = minidocker.run("run", "--rm", "--userns=private", IMAGES.busybox(),
                "cat", "/proc/self/uid_map").assertSuccess();
        assertNotEquals(hostRoot, Long.parseLong(other.stdout().strip().split("\\s+")[1]), other::toString);
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void aUidmapIsHonouredAndIsTheGidmapToo() {
        pull(IMAGES.busybox());
        CommandResult result = minidocker.run("run", "--rm", "--uidmap", "0:200000:1000", IMAGES.busybox(), "sh", "-c",
                "cat /proc/self/uid_map /proc/self/gid_map; stat -c %u:%g /bin/busybox /home/bob").assertSuccess();
        assertEquals(List.of("0 200000 1000", "0 200000 1000", "0:0", "65534:50"),
                result.stdoutLines().stream().map(line -> String.join(" ", line.strip().split("\\s+"))).toList(),
                "bob's uid 1000 lies outside the map: nobody; his group 50 inside it");
        CommandResult gid = minidocker.run("run", "--rm", "--uidmap", "0:200000:1000", "--gidmap", "0:300000:100",
                IMAGES.busybox(), "cat", "/proc/self/gid_map").assertSuccess();
        assertEquals("0 300000 100", String.join(" ", gid.stdout().strip().split("\\s+")));
    }

    @Test
    void theContainerStillGetsItsIsolation() {
        pull(IMAGES.busybox());
        CommandResult result = minidocker.run("run", "--rm", "--userns=private", "-h", "box", IMAGES.busybox(), "sh",
                "-c", "hostname; echo $$; echo x > /dev/null && echo null; head -c 4 /dev/zero | wc -c; "
                        + "test -n \"$(ls /sys/fs/cgroup)\" && echo cgroup; grep CapEff /proc/self/status; "
                        + "mount -t tmpfs none /tmp 2>/dev/null; echo mount $?; "
                        + "echo x > /proc/sys/kernel/domainname 2>/dev/null; echo sysctl $?")
                .assertSuccess();
        assertEquals(List.of("box", "1", "null", "4", "cgroup", "CapEff: 00000000a80425fb", "mount 1", "sysctl 1"),
                result.stdoutLines().stream().map(line -> String.join(" ", line.strip().split("\\s+"))).toList(),
                result::toString);
    }

    @Test
    void createThenStartRunsInTheRecordedNamespace() {
        pull(IMAGES.busybox());
        String id = minidocker.run("create", "--uidmap", "0:400000:65536", IMAGES.busybox(), "sh", "-c",
                "id -u; cat /proc/self/uid_map").assertSuccess().stdout().strip();
        for (int run = 0; run < 2; run++) {
            CommandResult started = minidocker.run("start", "-a", id).assertSuccess();
            assertEquals(List.of("0", "0 400000 65536"), started.stdoutLines().stream()
                    .map(line -> String.join(" ", line.strip().split("\\s+"))).toList(), started::toString);
        }
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void aStoreTheMappedRootCannotReachIsSaidSo() throws IOException {
        pull(IMAGES.busybox());
        Path state = minidocker.root().getParent();
        Files.setPosixFilePermissions(state, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        CommandResult result = minidocker.run("run", "--rm", "--userns=private", IMAGES.busybox(), "true")
                .assertExit(125);
        assertEquals("minidocker: --userns: the container's root (host uid 100000) cannot reach " + minidocker.root()
                + ": " + state + " is not searchable by others (chmod o+x)", result.stderr().strip());
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void aDetachedRunWhoseMonitorCannotMountTheLayersSaysWhy() throws IOException {
        pull(IMAGES.busybox());
        List<Path> layers;
        try (var dirs = Files.list(minidocker.root().resolve("layers").resolve("sha256"))) {
            layers = dirs.map(d -> d.resolve("diff")).filter(Files::isDirectory).toList();
        }
        Path away = layers.getFirst().resolveSibling("diff.away");
        Files.move(layers.getFirst(), away);
        try {
            CommandResult run = minidocker.run("run", "-d", "--name", "unmountable", "--userns=private",
                    IMAGES.busybox(), "true");
            assertEquals(125, run.exitCode(), run::toString);
            assertTrue(run.stderr().contains("open_tree") && run.stderr().contains(layers.getFirst().toString()),
                    run::toString);
            assertEquals(1, run.stderr().lines().count(), run::toString);
            JsonNode state = inspect("unmountable").path("State");
            assertEquals("exited", state.path("Status").asText());
            assertTrue(state.path("Error").asText().contains("open_tree"), state::toString);
        } finally {
            Files.move(away, layers.getFirst());
        }
        minidocker.run("rm", "unmountable").assertSuccess();
    }

    @Test
    void badMapsAreRefusedWithOneLineAndNothingIsCreated() {
        pull(IMAGES.busybox());
        for (List<String> flags : List.of(List.of("--uidmap", "0:100000"), List.of("--uidmap", "1:100000:10"),
                List.of("--userns=keep-id"), List.of("--userns=host", "--uidmap", "0:100000:10"))) {
            List<String> command = new java.util.ArrayList<>(List.of("run", "--rm"));
            command.addAll(flags);
            command.addAll(List.of(IMAGES.busybox(), "true"));
            CommandResult result = minidocker.run(command.toArray(String[]::new)).assertExit(125);
            assertEquals(1, result.stderrLines().size(), result::toString);
            assertTrue(result.stderr().startsWith("minidocker: "), result::toString);
        }
        assertEquals("minidocker: invalid argument \"0:100000\" for \"--uidmap\" flag: want CONTAINER:HOST:SIZE",
                minidocker.run("create", "--uidmap", "0:100000", IMAGES.busybox()).assertExit(125).stderr().strip());
        assertEquals(List.of(), containerRecords());
    }
}
