package dev.minidocker.launcher.cgroup;

import static dev.minidocker.launcher.cgroup.CgroupTree.file;
import static dev.minidocker.launcher.cgroup.CgroupTree.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Resources.DeviceRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV1Test {
    private static final long MB = 1024 * 1024;

    @TempDir
    Path root;
    private final List<String> explained = new ArrayList<>();
    private final List<String> kills = new ArrayList<>();
    private Path memory;
    private Path cpu;
    private Path pids;

    @BeforeEach
    void hybridLayout() throws Exception {
        CgroupTree.hybrid(root);
        memory = root.resolve("memory/minidocker/c1");
        cpu = root.resolve("cpu,cpuacct/minidocker/c1");
        pids = root.resolve("pids/minidocker/c1");
    }

    private Cgroup cgroup() throws Exception {
        List<Path> procs = List.of(memory.resolve("cgroup.procs"), cpu.resolve("cgroup.procs"),
                pids.resolve("cgroup.procs"));
        return assertInstanceOf(CgroupV1.class,
                Cgroups.forContainer(root, "c1", explained::add, CgroupTree.killer(kills, procs)));
    }

    @Test
    void usageIsReadFromEachControllersFiles() throws Exception {
        Cgroup cgroup = cgroup();
        cgroup.create(Resources.none(), List.of());
        Files.writeString(cpu.resolve("cpuacct.usage"), "123456789\n");
        Files.writeString(memory.resolve("memory.usage_in_bytes"), "1048576\n");
        Files.writeString(memory.resolve("memory.stat"), "cache 0\ntotal_inactive_file 4096\n");
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(pids.resolve("pids.current"), "3\n");
        assertEquals(new CgroupUsage(123456789, 1048576 - 4096, -1, 0, 0, 3), cgroup.usage());
    }

    @Test
    void joinsTheV1HierarchiesByTasksAndIsBornInTheUnifiedOne() throws Exception {
        Cgroup cgroup = cgroup();
        assertEquals("v1:cpu,cpuset,devices,freezer,memory,pids,systemd,unified", cgroup.membership().mountSpec());
        // "0" written to a tasks file moves the writing thread alone, with no RCU grace period.
        List<Path> join = cgroup.membership().joinFiles();
        assertEquals(7, join.size());
        assertEquals(List.of(cpu.resolve("tasks"), root.resolve("cpuset/minidocker/c1/tasks"),
                root.resolve("devices/minidocker/c1/tasks")), join.subList(0, 3));
        assertEquals(root.resolve("systemd/minidocker/c1/tasks"), join.get(6));
        // Cloned there (CLONE_INTO_CGROUP), not moved: its first move would wait for an RCU grace period.
        Path unified = root.resolve("unified/minidocker/c1");
        assertEquals(Optional.of(unified), cgroup.membership().cloneInto());
        assertEquals(8, cgroup.membership().directories().size());
        assertEquals(unified, cgroup.membership().directories().get(7));
    }

    @Test
    void theCloneTargetIsTheUnifiedDirectoryAloneMadeBeforeTheLimits() throws Exception {
        Cgroup cgroup = cgroup();
        cgroup.createCloneTarget();
        assertTrue(Files.isDirectory(root.resolve("unified/minidocker/c1")));
        assertFalse(Files.exists(memory));
        assertEquals(List.of("mkdir " + root.resolve("unified/minidocker/c1")), explained);
        // Made again with the others, it is not made twice.
        cgroup.create(Resources.none(), List.of());
        assertEquals(1, explained.stream().filter(e -> e.contains("unified")).count());
    }

    @Test
    void createMakesADirectoryInEveryHierarchy() throws Exception {
        CgroupV1 cgroup = (CgroupV1) cgroup();
        cgroup.create(Resources.none(), List.of());
        assertEquals(8, cgroup.dirs().size());
        for (Path dir : cgroup.dirs()) {
            assertTrue(Files.isDirectory(dir), dir.toString());
        }
    }

    @Test
    void theDeviceRulesGoToTheDevicesControllerDenyAllFirst() throws Exception {
        cgroup().create(Resources.none(), List.of(DeviceRules.DENY_ALL, DeviceRules.allow("c", 1L, 3L, "rwm"),
                DeviceRules.allow("c", null, null, "m"), new DeviceRule(false, "c", 1L, 3L, "w")));
        Path devices = root.resolve("devices/minidocker/c1");
        assertEquals(List.of("write a *:* rwm to " + devices.resolve("devices.deny"),
                "write c 1:3 rwm to " + devices.resolve("devices.allow"),
                "write c *:* m to " + devices.resolve("devices.allow"),
                "write c 1:3 w to " + devices.resolve("devices.deny")),
                explained.stream().filter(l -> l.contains("devices.")).toList());
    }

    @Test
    void deviceRulesWithoutADevicesHierarchyAreRefused() throws Exception {
        Files.delete(root.resolve("devices/cgroup.procs"));
        LaunchException e = assertThrows(LaunchException.class,
                () -> cgroup().create(Resources.none(), List.of(DeviceRules.DENY_ALL)));
        assertEquals("cgroup: the device rules need the devices controller, which no cgroup v1 hierarchy of this "
                + "host offers", e.getMessage());
    }

    @Test
    void aNewCpusetGetsItsParentsCpusAndMemoryNodes() throws Exception {
        cgroup().create(Resources.none(), List.of());
        for (Path dir : List.of(root.resolve("cpuset/minidocker"), root.resolve("cpuset/minidocker/c1"))) {
            assertEquals("0-1", read(dir.resolve("cpuset.cpus")));
            assertEquals("0", read(dir.resolve("cpuset.mems")));
        }
    }

    @Test
    void anUpdateGrowingTheMemoryWritesTheSwapFirstAndShrinkingItLast() throws Exception {
        CgroupTree.kernelFiles(memory, "memory.memsw.limit_in_bytes");
        Cgroup cgroup = cgroup();
        cgroup.create(new Resources(16 * MB, 0, 0, 0, 0), List.of());
        explained.clear();
        cgroup.update(new Resources(64 * MB, 128 * MB, 0, 0, -1));
        cgroup.update(new Resources(8 * MB, 16 * MB, Resources.nanoCpus(0.5), 0, 0));
        assertEquals(List.of(
                "write 134217728 to " + memory.resolve("memory.memsw.limit_in_bytes"),
                "write 67108864 to " + memory.resolve("memory.limit_in_bytes"),
                "write 100000 to " + cpu.resolve("cpu.cfs_period_us"),
                "write -1 to " + cpu.resolve("cpu.cfs_quota_us"),
                "write max to " + pids.resolve("pids.max"),
                "write 8388608 to " + memory.resolve("memory.limit_in_bytes"),
                "write 16777216 to " + memory.resolve("memory.memsw.limit_in_bytes"),
                "write 100000 to " + cpu.resolve("cpu.cfs_period_us"),
                "write 50000 to " + cpu.resolve("cpu.cfs_quota_us")),
                explained.stream().filter(l -> l.startsWith("write")).toList());
    }

    @Test
    void writesEachLimitAndTheMemoryBeforeTheSwap() throws Exception {
        CgroupTree.kernelFiles(memory, "memory.memsw.limit_in_bytes");
        cgroup().create(new Resources(16 * MB, 0, Resources.nanoCpus(0.5), 512, 64), List.of());

        assertEquals("0", read(memory.resolve("memory.oom_control")));
        assertEquals("16777216", read(memory.resolve("memory.limit_in_bytes")));
        assertEquals("33554432", read(memory.resolve("memory.memsw.limit_in_bytes")));
        assertEquals("512", read(cpu.resolve("cpu.shares")));
        assertEquals("100000", read(cpu.resolve("cpu.cfs_period_us")));
        assertEquals("50000", read(cpu.resolve("cpu.cfs_quota_us")));
        assertEquals("64", read(pids.resolve("pids.max")));
        assertEquals(List.of(
                "write 0 to " + memory.resolve("memory.oom_control"),
                "write 16777216 to " + memory.resolve("memory.limit_in_bytes"),
                "write 33554432 to " + memory.resolve("memory.memsw.limit_in_bytes"),
                "write 512 to " + cpu.resolve("cpu.shares"),
                "write 100000 to " + cpu.resolve("cpu.cfs_period_us"),
                "write 50000 to " + cpu.resolve("cpu.cfs_quota_us"),
                "write 64 to " + pids.resolve("pids.max")),
                explained.stream().filter(l -> l.startsWith("write") && !l.contains("cpuset")).toList());
        assertTrue(explained.contains("mkdir " + pids), explained.toString());
    }

    @Test
    void unlimitedSwapAndPidsAreWrittenAsTheKernelSpellsThem() throws Exception {
        CgroupTree.kernelFiles(memory, "memory.memsw.limit_in_bytes");
        cgroup().create(new Resources(16 * MB, -1, 0, 0, -1), List.of());
        assertEquals("-1", read(memory.resolve("memory.memsw.limit_in_bytes")));
        assertEquals("max", read(pids.resolve("pids.max")));
        assertFalse(Files.exists(cpu.resolve("cpu.cfs_quota_us")));
    }

    @Test
    void withoutSwapAccountingOnlyASwapLimitOtherThanTheDefaultIsRefused() throws Exception {
        Cgroup cgroup = cgroup();
        cgroup.create(new Resources(16 * MB, 0, 0, 0, 0), List.of());
        assertFalse(Files.exists(memory.resolve("memory.memsw.limit_in_bytes")));
        LaunchException e = assertThrows(LaunchException.class,
                () -> cgroup.create(new Resources(16 * MB, 48 * MB, 0, 0, 0), List.of()));
        assertEquals("cgroup: --memory-swap needs swap accounting, which this host's kernel does not offer (no `"
                + memory.resolve("memory.memsw.limit_in_bytes") + "`)", e.getMessage());
    }

    @Test
    void findsCpuInACoMountOrInItsOwnHierarchy() throws Exception {
        Files.delete(root.resolve("cpu"));
        Files.delete(root.resolve("cpuacct"));
        assertTrue(cgroup().membership().mountSpec().startsWith("v1:cpu,cpuset,"));
        Files.move(root.resolve("cpu,cpuacct"), root.resolve("cpu"));
        file(root.resolve("cpuacct/cgroup.procs"), "1\n");
        assertTrue(cgroup().membership().mountSpec().startsWith("v1:cpu,cpuacct,cpuset,"));
    }

    @Test
    void aLimitWithoutItsHierarchyIsRefused() throws Exception {
        Files.delete(root.resolve("pids/cgroup.procs"));
        Cgroup cgroup = cgroup();
        assertEquals("v1:cpu,cpuset,devices,freezer,memory,systemd,unified", cgroup.membership().mountSpec());
        LaunchException e = assertThrows(LaunchException.class,
                () -> cgroup.create(new Resources(0, 0, 0, 0, 64), List.of()));
        assertEquals("cgroup: --pids-limit needs the pids controller, which no cgroup v1 hierarchy of this host offers",
                e.getMessage());
    }

    @Test
    void aDirectoryThatCannotGoIsNamedInTheError() throws Exception {
        Cgroup cgroup = cgroup();
        cgroup.create(Resources.none(), List.of());
        CgroupTree.dropKernelFiles(root.resolve("cpuset/minidocker/c1"));
        LaunchException e = assertThrows(LaunchException.class, cgroup::delete);
        assertEquals("cgroup: rmdir `" + memory + "`: Directory not empty", e.getMessage());
    }

    @Test
    void oomKilledReadsOomControl() throws Exception {
        Cgroup cgroup = cgroup();
        assertFalse(cgroup.oomKilled());
        file(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\n");
        assertFalse(cgroup.oomKilled(), "before 4.13 the kernel did not count: no oom_kill line");
        file(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        assertFalse(cgroup.oomKilled());
        file(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        assertTrue(cgroup.oomKilled());
    }

    @Test
    void killAllSignalsEveryProcessOfEveryHierarchy() throws Exception {
        Cgroup cgroup = cgroup();
        cgroup.create(Resources.none(), List.of());
        file(memory.resolve("cgroup.procs"), "20\n21\n");
        file(pids.resolve("cgroup.procs"), "21\n22\n");
        assertEquals(List.of(20L, 21L, 22L), cgroup.pids());
        cgroup.killAll(Cgroup.SIGKILL);
        assertEquals(List.of("20 9", "21 9", "22 9"), kills);
        assertEquals(List.of(), cgroup.pids());
    }

    @Test
    void aSignalOtherThanKillIsSentOnceAndNotAwaited() throws Exception {
        Cgroup cgroup = Cgroups.forContainer(root, "c1", explained::add, (pid, signal) -> kills.add(pid + " " + signal));
        file(memory.resolve("cgroup.procs"), "30\n");
        cgroup.killAll(15);
        assertEquals(List.of("30 15"), kills);
        assertEquals(List.of(30L), cgroup.pids());
    }

    @Test
    void deleteRemovesEachDirectoryAndItsEmptyParentAndAgainIsFine() throws Exception {
        Cgroup cgroup = cgroup();
        cgroup.create(Resources.none(), List.of());
        CgroupTree.dropKernelFiles(memory);
        CgroupTree.dropKernelFiles(root.resolve("cpuset/minidocker/c1"));
        Path otherContainer = Files.createDirectories(pids.getParent().resolve("c2"));
        cgroup.delete();
        for (Path dir : List.of(memory, cpu, pids)) {
            assertFalse(Files.exists(dir), dir.toString());
        }
        assertFalse(Files.exists(memory.getParent()), "an emptied minidocker parent is removed");
        assertTrue(Files.isDirectory(otherContainer), "a parent that holds another container's cgroup stays");
        cgroup.delete();
    }

    @Test
    void pauseFreezesThroughTheFreezerHierarchy() throws Exception {
        Cgroup cgroup = cgroup();
        cgroup.create(Resources.none(), List.of());
        Path state = root.resolve("freezer/minidocker/c1/freezer.state");
        file(state, "THAWED");
        assertFalse(cgroup.frozen());
        cgroup.freeze(true);
        assertEquals("FROZEN", read(state));
        assertTrue(cgroup.frozen());
        cgroup.freeze(false);
        assertEquals("THAWED", read(state));
        assertFalse(cgroup.frozen());
    }

}
