package dev.minidocker.launcher.cgroup;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Resources.DeviceRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real kernel: v1 cgroups under /sys/fs/cgroup/<every hierarchy>/minidocker/. Needs root on a host
 * with cgroup v1 (hybrid included); each test leaves nothing behind and asserts so.
 */
class CgroupV1KernelTest {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final long MB = 1024 * 1024;

    private final List<String> explained = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private String id;
    private CgroupV1 cgroup;
    private List<Path> newParents;

    @BeforeEach
    void aCgroupOfOurOwn() throws Exception {
        assumeTrue(!Files.exists(ROOT.resolve("cgroup.controllers"))
                && Files.exists(ROOT.resolve("memory/memory.limit_in_bytes"))
                && Files.isWritable(ROOT.resolve("memory")), "needs root and cgroup v1");
        id = "test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        cgroup = (CgroupV1) Cgroups.forContainer(ROOT, id, explained::add);
        newParents = cgroup.dirs().stream().map(Path::getParent).filter(p -> !Files.exists(p)).toList();
    }

    @AfterEach
    void leaveNothingBehind() throws Exception {
        if (cgroup == null) {
            return;
        }
        started.forEach(Process::destroyForcibly);
        cgroup.killAll(Cgroup.SIGKILL);
        cgroup.delete();
        for (Path parent : newParents) {
            try {
                Files.delete(parent);
            } catch (IOException busy) {
                // another run's cgroup is in it
            }
        }
        try (var hierarchies = Files.list(ROOT)) {
            for (Path h : hierarchies.toList()) {
                assertFalse(Files.exists(h.resolve("minidocker").resolve(id)), h.toString());
            }
        }
        for (Path parent : newParents) {
            // Gone unless a container of a parallel run (another test, a user) holds it.
            try (var others = Files.list(parent)) {
                assertTrue(others.anyMatch(Files::isDirectory), parent + " is left empty");
            } catch (java.nio.file.NoSuchFileException gone) {
                // removed, as it should be
            }
        }
    }

    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file).getFirst();
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private Process sleepInside() throws IOException {
        Process sleep = start("sleep", "60");
        for (Path tasks : cgroup.membership().joinFiles()) {
            Files.writeString(tasks, Long.toString(sleep.pid()));
        }
        return sleep;
    }

    @Test
    void sixteenMegabytesKillASixtyFourMegabyteAllocation() throws Exception {
        cgroup.create(new Resources(16 * MB, 0, Resources.nanoCpus(0.5), 0, 64), List.of());
        Path memory = ROOT.resolve("memory/minidocker").resolve(id);
        Path cpu = ROOT.resolve("cpu").toRealPath().resolve("minidocker").resolve(id);
        Path pids = ROOT.resolve("pids/minidocker").resolve(id);
        assertTrue(cgroup.dirs().containsAll(List.of(memory, cpu, pids)), cgroup.dirs().toString());
        assertEquals("16777216", firstLine(memory.resolve("memory.limit_in_bytes")));
        if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
            assertEquals("33554432", firstLine(memory.resolve("memory.memsw.limit_in_bytes")));
        }
        assertEquals("oom_kill_disable 0", firstLine(memory.resolve("memory.oom_control")));
        assertEquals("100000", firstLine(cpu.resolve("cpu.cfs_period_us")));
        assertEquals("50000", firstLine(cpu.resolve("cpu.cfs_quota_us")));
        assertEquals("64", firstLine(pids.resolve("pids.max")));
        assertTrue(explained.contains("write 16777216 to " + memory.resolve("memory.limit_in_bytes")),
                explained.toString());

        Process sleep = sleepInside();
        assertEquals(List.of(sleep.pid()), cgroup.pids());
        assertEquals("1", firstLine(pids.resolve("pids.current")));
        cgroup.killAll(Cgroup.SIGKILL);
        assertEquals(137, sleep.waitFor());
        assertEquals(List.of(), cgroup.pids());
        assertFalse(cgroup.oomKilled());

        Process hog = start("/bin/sh", "-c",
                join() + "; exec python3 -c 'b = bytearray(64 * 1024 * 1024); print(\"allocated\")'");
        assertTrue(hog.waitFor(60, SECONDS), "the hog still runs");
        String output = new String(hog.getInputStream().readAllBytes());
        assertEquals(137, hog.exitValue(), output);
        assertTrue(cgroup.oomKilled());
    }

    @Test
    void aProcessThatJoinsIsInTheContainersCgroupInEveryHierarchy() throws Exception {
        cgroup.create(Resources.none(), List.of());
        Set<Path> mounts = new TreeSet<>();
        try (var entries = Files.list(ROOT)) {
            for (Path e : entries.toList()) {
                if (Files.exists(e.resolve("cgroup.procs"))) {
                    mounts.add(e.toRealPath());
                }
            }
        }
        assertEquals(mounts, cgroup.dirs().stream().map(d -> d.getParent().getParent()).collect(Collectors.toSet()));
        Process cat = start("/bin/sh", "-c", join() + "; cat /proc/self/cgroup");
        assertEquals(0, cat.waitFor());
        List<String> lines = new String(cat.getInputStream().readAllBytes()).lines().toList();
        assertEquals(mounts.size(), lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(line.endsWith(":/minidocker/" + id), line);
        }
    }

    @Test
    void aDeviceOutsideTheRulesCanBeMadeButNotOpened() throws Exception {
        List<DeviceRule> rules = new ArrayList<>(List.of(DeviceRules.DENY_ALL));
        rules.addAll(DeviceRules.DEFAULTS);
        cgroup.create(Resources.none(), rules);
        Path dir = Files.createTempDirectory("devices");
        try {
            Path kmsg = dir.resolve("kmsg");
            Process sh = start("/bin/sh", "-c", join() + "; mknod " + kmsg + " c 1 11 && echo made; if true > " + kmsg
                    + "; then echo opened; else echo refused; fi; true > /dev/null && echo null");
            assertEquals(0, sh.waitFor());
            String out = new String(sh.getInputStream().readAllBytes());
            assertTrue(out.contains("made\n") && out.contains("refused\n") && out.contains("null\n")
                    && out.contains("Operation not permitted") && !out.contains("opened"), out);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /**
     * Shell words that move the shell into the container's cgroup in every hierarchy: the cgroup2
     * one, which the container's processes are born in, by its cgroup.procs.
     */
    private String join() {
        Cgroup.Membership membership = cgroup.membership();
        return Stream.concat(membership.joinFiles().stream(),
                membership.cloneInto().map(dir -> dir.resolve("cgroup.procs")).stream())
                .map(p -> "echo 0 > " + p).collect(Collectors.joining("; "));
    }

    @Test
    void aCgroupWithAProcessInItCannotGoUntilTheProcessIsKilled() throws Exception {
        cgroup.create(Resources.none(), List.of());
        sleepInside();
        LaunchException e = assertThrows(LaunchException.class, cgroup::delete);
        assertEquals("cgroup: rmdir `" + cgroup.dirs().getFirst() + "`: Device or resource busy", e.getMessage());
        cgroup.killAll(Cgroup.SIGKILL);
        cgroup.delete();
    }
}
