package dev.minidocker.launcher.cgroup;

import static dev.minidocker.launcher.cgroup.CgroupTree.file;
import static dev.minidocker.launcher.cgroup.CgroupTree.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV2Test {
    private static final long MB = 1024 * 1024;

    @TempDir
    Path root;
    private final List<String> explained = new ArrayList<>();
    private final List<String> kills = new ArrayList<>();

    private Path dir() {
        return root.resolve("minidocker/c1");
    }

    /** A v2 root offering {@code controllers}; the container's directory holds the kernel's optional files. */
    private Cgroup cgroup(String controllers, String... kernelFiles) throws Exception {
        CgroupTree.v2(root, controllers);
        CgroupTree.kernelFiles(dir(), kernelFiles);
        Cgroup cgroup = Cgroups.forContainer(root, "c1", explained::add,
                CgroupTree.killer(kills, List.of(dir().resolve("cgroup.procs"))));
        return assertInstanceOf(CgroupV2.class, cgroup);
    }

    @Test
    void nothingIsMadeAheadForAProcessToBeBornIn() throws Exception {
        Cgroup cgroup = cgroup("cpuset cpu io memory hugetlb pids rdma misc");
        cgroup.createCloneTarget();
        assertFalse(Files.exists(dir()));
        assertEquals(List.of(), explained);
    }

    @Test
    void anUpdateWritesEachLimitAndNoneAsMax() throws Exception {
        Cgroup cgroup = cgroup("cpu memory pids", "memory.swap.max");
        cgroup.create(new Resources(64 * MB, 0, Resources.nanoCpus(1.5), 0, 100), List.of());
        cgroup.update(new Resources(32 * MB, -1, 0, 2048, -1));
        assertEquals("33554432", read(dir().resolve("memory.max")));
        assertEquals("max", read(dir().resolve("memory.swap.max")));
        assertEquals("max 100000", read(dir().resolve("cpu.max")));
        assertEquals("79", read(dir().resolve("cpu.weight")));
        assertEquals("max", read(dir().resolve("pids.max")));
    }

    @Test
    void usageIsReadFromTheCgroupsFiles() throws Exception {
        Cgroup cgroup = cgroup("cpu memory pids io");
        cgroup.create(Resources.none(), List.of());
        Files.writeString(dir().resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\n");
        Files.writeString(dir().resolve("memory.current"), "8192\n");
        Files.writeString(dir().resolve("memory.stat"), "anon 4096\ninactive_file 1024\n");
        Files.writeString(dir().resolve("memory.max"), "max\n");
        Files.writeString(dir().resolve("io.stat"), "8:0 rbytes=10 wbytes=20 rios=1 wios=1\n");
        Files.writeString(dir().resolve("pids.current"), "2\n");
        assertEquals(new CgroupUsage(1_500_000, 7168, -1, 10, 20, 2), cgroup.usage());
    }

    @Test
    void enablesTheControllersAndWritesEachLimit() throws Exception {
        Cgroup cgroup = cgroup("cpuset cpu io memory hugetlb pids rdma misc", "memory.swap.max");
        cgroup.create(new Resources(64 * MB, 0, Resources.nanoCpus(1.5), 1024, 100), List.of());

        assertEquals("+memory +cpu +pids", read(root.resolve("cgroup.subtree_control")));
        assertEquals("+memory +cpu +pids", read(root.resolve("minidocker/cgroup.subtree_control")));
        assertEquals("67108864", read(dir().resolve("memory.max")));
        assertEquals("67108864", read(dir().resolve("memory.swap.max")), "swap alone: 2 x memory - memory");
        assertEquals("150000 100000", read(dir().resolve("cpu.max")));
        assertEquals("39", read(dir().resolve("cpu.weight")));
        assertEquals("100", read(dir().resolve("pids.max")));
        assertEquals(List.of(
                "write +memory +cpu +pids to " + root.resolve("cgroup.subtree_control"),
                "write +memory +cpu +pids to " + root.resolve("minidocker/cgroup.subtree_control"),
                "write 67108864 to " + dir().resolve("memory.max"),
                "write 67108864 to " + dir().resolve("memory.swap.max"),
                "write 150000 100000 to " + dir().resolve("cpu.max"),
                "write 39 to " + dir().resolve("cpu.weight"),
                "write 100 to " + dir().resolve("pids.max")), explained);
        assertEquals(List.of(dir().resolve("cgroup.procs")), cgroup.membership().joinFiles());
        // Its memory controller would charge the shim's JVM to the container: nothing is born in it.
        assertEquals(Optional.empty(), cgroup.membership().cloneInto());
        assertEquals("v2", cgroup.membership().mountSpec());
    }

    @Test
    void enablesOnlyTheControllersNotYetEnabled() throws Exception {
        Cgroup cgroup = cgroup("cpu memory pids");
        file(root.resolve("cgroup.subtree_control"), "memory cpu\n");
        file(root.resolve("minidocker/cgroup.subtree_control"), "memory cpu pids\n");
        cgroup.create(Resources.none(), List.of());

        assertEquals("+pids", read(root.resolve("cgroup.subtree_control")));
        assertEquals("memory cpu pids\n", read(root.resolve("minidocker/cgroup.subtree_control")));
    }

    @Test
    void noLimitsWriteNoLimitFiles() throws Exception {
        cgroup("cpu memory pids").create(Resources.none(), List.of());
        assertEquals(List.of(
                "write +memory +cpu +pids to " + root.resolve("cgroup.subtree_control"),
                "mkdir " + root.resolve("minidocker"),
                "write +memory +cpu +pids to " + root.resolve("minidocker/cgroup.subtree_control"),
                "mkdir " + dir()), explained);
        try (Stream<Path> files = Files.list(dir())) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void swapIsTheTotalMinusTheMemoryOrMax() throws Exception {
        Cgroup cgroup = cgroup("memory", "memory.swap.max");
        cgroup.create(new Resources(64 * MB, 96 * MB, 0, 0, 0), List.of());
        assertEquals(Long.toString(32 * MB), read(dir().resolve("memory.swap.max")));
        cgroup.create(new Resources(64 * MB, -1, 0, 0, 0), List.of());
        assertEquals("max", read(dir().resolve("memory.swap.max")));
    }

    @Test
    void withoutSwapAccountingOnlyASwapLimitOtherThanTheDefaultIsRefused() throws Exception {
        Cgroup cgroup = cgroup("memory");
        cgroup.create(new Resources(64 * MB, 0, 0, 0, 0), List.of());
        assertFalse(Files.exists(dir().resolve("memory.swap.max")));
        LaunchException e = assertThrows(LaunchException.class,
                () -> cgroup.create(new Resources(64 * MB, 96 * MB, 0, 0, 0), List.of()));
        assertEquals("cgroup: --memory-swap needs swap accounting, which this host's kernel does not offer (no `"
                + dir().resolve("memory.swap.max") + "`)", e.getMessage());
    }

    @Test
    void aLimitWhoseControllerTheRootLacksIsRefusedBeforeAnyWrite() throws Exception {
        Cgroup cgroup = cgroup("memory pids");
        LaunchException e = assertThrows(LaunchException.class,
                () -> cgroup.create(new Resources(0, 0, Resources.nanoCpus(1), 0, 0), List.of()));
        assertEquals("cgroup: --cpus needs the cpu controller, which this host's cgroup v2 root does not offer",
                e.getMessage());
        assertEquals(List.of(), explained);

        cgroup.create(new Resources(0, 0, 0, 0, -1), List.of());
        assertEquals("+memory +pids", read(root.resolve("cgroup.subtree_control")));
        assertEquals("max", read(dir().resolve("pids.max")));
    }

    @Test
    void oomKilledReadsMemoryEvents() throws Exception {
        Cgroup cgroup = cgroup("memory");
        assertFalse(cgroup.oomKilled(), "no memory.events: no OOM");
        file(dir().resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\noom_group_kill 0\n");
        assertFalse(cgroup.oomKilled());
        file(dir().resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");
        assertTrue(cgroup.oomKilled());
    }

    @Test
    void killAllWritesCgroupKillWhenTheKernelHasIt() throws Exception {
        Cgroup cgroup = cgroup("memory", "cgroup.kill");
        cgroup.killAll(Cgroup.SIGKILL);
        assertEquals("1", read(dir().resolve("cgroup.kill")));
        assertEquals(List.of(), kills);
    }

    @Test
    void killAllSignalsEachProcessOtherwise() throws Exception {
        Cgroup cgroup = cgroup("memory");
        file(dir().resolve("cgroup.procs"), "10\n11\n");
        assertEquals(List.of(10L, 11L), cgroup.pids());
        cgroup.killAll(Cgroup.SIGKILL);
        assertEquals(List.of("10 9", "11 9"), kills);
        assertEquals(List.of(), cgroup.pids());
    }

    @Test
    void deleteRemovesTheDirectoryAndAgainIsFine() throws Exception {
        Cgroup cgroup = cgroup("memory");
        cgroup.create(Resources.none(), List.of());
        cgroup.delete();
        assertFalse(Files.exists(dir()));
        assertTrue(Files.isDirectory(root.resolve("minidocker")), "the shared parent stays");
        cgroup.delete();
        assertEquals(List.of(), cgroup.pids());
        assertFalse(cgroup.oomKilled());
    }

    @Test
    void pauseWritesCgroupFreezeAndWaitsForTheFrozenEvent() throws Exception {
        Cgroup cgroup = cgroup("cpu memory pids");
        cgroup.create(Resources.none(), List.of());
        file(dir().resolve("cgroup.events"), "populated 1\nfrozen 1\n");
        cgroup.freeze(true);
        assertEquals("1", read(dir().resolve("cgroup.freeze")));
        assertTrue(cgroup.frozen());
        file(dir().resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        cgroup.freeze(false);
        assertEquals("0", read(dir().resolve("cgroup.freeze")));
        assertFalse(cgroup.frozen());
    }

}
