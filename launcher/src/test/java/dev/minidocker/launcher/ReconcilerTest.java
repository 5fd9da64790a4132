package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.container.ContainerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private TempHost host;
    private Reconciler reconciler;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void host() throws Exception {
        host = TempHost.in(dir);
        reconciler = new Reconciler(host.starter(), host.store().containers(), warnings::add);
    }

    @Test
    void aContainerWhoseMonitorIsGoneHasExitedWithTheRecordedStatus() throws Exception {
        ContainerRecord c = running("a".repeat(64), "web", false, deadPid(), 12345);
        Files.writeString(host.starter().dirs(c.id()).exitFile(), "7\n");
        reconciler.reconcile();
        ContainerState state = host.store().containers().get(c.id()).orElseThrow().state();
        assertEquals(ContainerStatus.EXITED, state.status());
        assertEquals(7, state.exitCode());
        assertNull(state.error());
        assertNotNull(state.finishedAt());
        assertEquals(0, state.monitorPid());
    }

    @Test
    void withoutAnExitFileTheStatusIs255AndTheErrorSaysWhy() throws Exception {
        ContainerRecord c = running("b".repeat(64), "lost", false, deadPid(), 12345);
        reconciler.reconcile();
        ContainerState state = host.store().containers().get(c.id()).orElseThrow().state();
        assertEquals(ContainerStatus.EXITED, state.status());
        assertEquals(255, state.exitCode());
        assertEquals("the container's monitor ended without recording an exit status", state.error());
    }

    @Test
    void anAutoRemoveContainerIsRemoved() throws Exception {
        ContainerRecord c = running("c".repeat(64), "temp", true, deadPid(), 12345);
        Files.writeString(host.starter().dirs(c.id()).exitFile(), "0\n");
        reconciler.reconcile();
        assertTrue(host.store().containers().get(c.id()).isEmpty());
        assertFalse(Files.exists(host.store().containers().dir(c.id())));
    }

    @Test
    void aLiveMonitorIsLeftRunning() throws Exception {
        ContainerRecord c = running("d".repeat(64), "alive", true, SELF, ProcStat.startTime(SELF));
        reconciler.reconcile();
        assertEquals(ContainerStatus.RUNNING, host.store().containers().get(c.id()).orElseThrow().state().status());
    }

    @Test
    void aLiveMonitorThatRecordedTheExitHasEnded() throws Exception {
        // Its monitor still runs the exit command, which does what this does: the exit is there to read.
        ContainerRecord c = running("8".repeat(64), "ending", false, SELF, ProcStat.startTime(SELF));
        Files.writeString(host.starter().dirs(c.id()).exitFile(), "137 oom\n");
        reconciler.reconcile();
        ContainerState state = host.store().containers().get(c.id()).orElseThrow().state();
        assertEquals(ContainerStatus.EXITED, state.status());
        assertEquals(137, state.exitCode());
        assertTrue(state.oomKilled());
    }

    @Test
    void theCommandRunningItAttachedFinishesItNotAnotherCommand() throws Exception {
        ContainerRecord attached = running("7".repeat(64), "attached", true, deadPid(), 12345);
        ContainerDirs dirs = host.starter().dirs(attached.id());
        Files.writeString(dirs.exitFile(), "0\n");
        Files.writeString(dirs.launcherPid(), SELF + " " + ProcStat.startTime(SELF));
        reconciler.reconcile();
        assertEquals(ContainerStatus.RUNNING, host.store().containers().get(attached.id()).orElseThrow().state().status(),
                "its exit status is the attached command's to read");
        // Once that command is gone, the container is anybody's to finish.
        Files.writeString(dirs.launcherPid(), deadPid() + " 1");
        reconciler.reconcile();
        assertTrue(host.store().containers().get(attached.id()).isEmpty());
    }

    @Test
    void aReusedPidIsNotTheMonitor() throws Exception {
        ContainerRecord c = running("e".repeat(64), "reused", false, SELF, ProcStat.startTime(SELF) + 1);
        Files.writeString(host.starter().dirs(c.id()).exitFile(), "143\n");
        reconciler.reconcile();
        ContainerState state = host.store().containers().get(c.id()).orElseThrow().state();
        assertEquals(ContainerStatus.EXITED, state.status());
        assertEquals(143, state.exitCode());
    }

    @Test
    void createdAndExitedContainersAreLeftAlone() throws Exception {
        ContainerRecord created = record("f".repeat(64), "new", false, ContainerState.created());
        host.store().containers().create(created);
        reconciler.reconcile();
        assertEquals(created, host.store().containers().get(created.id()).orElseThrow());
    }

    @Test
    void aDirectoryLeftByADeadRunWhoseMonitorEndedIsRemoved() throws Exception {
        ContainerDirs dirs = unrecorded("1".repeat(64), deadPid());
        Files.writeString(dirs.exitFile(), "125\n");
        reconciler.reconcile();
        assertFalse(Files.exists(dirs.dir()));
    }

    @Test
    void theCgroupADeadRunMadeBeforeItsRecordIsRemovedWithItsDirectory() throws Exception {
        String id = "5".repeat(64);
        ContainerDirs dirs = unrecorded(id, deadPid());
        Path cgroup = Files.createDirectories(host.cgroupRoot().resolve("minidocker").resolve(id));
        Files.writeString(dirs.exitFile(), "125\n");
        reconciler.reconcile();
        assertFalse(Files.exists(dirs.dir()));
        assertFalse(Files.exists(cgroup));
    }

    @Test
    void aRunStillPlanningItsContainerKeepsItsDirectory() throws Exception {
        ContainerDirs dirs = unrecorded("2".repeat(64), SELF);
        Files.writeString(dirs.exitFile(), "0\n");
        reconciler.reconcile();
        assertTrue(Files.exists(dirs.launcherPid()));
    }

    @Test
    void aDeadRunsMonitorGetsAMinuteToEnd() throws Exception {
        ContainerDirs young = unrecorded("3".repeat(64), deadPid());
        ContainerDirs old = unrecorded("4".repeat(64), deadPid());
        Files.setLastModifiedTime(old.dir(), java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofMinutes(2))));
        reconciler.reconcile();
        assertTrue(Files.exists(young.dir()));
        assertFalse(Files.exists(old.dir()));
    }

    /** A container directory as a run leaves it before it records the container: launcher.pid only. */
    @Test
    void theEndpointsOfContainersThatNoLongerRunAreReleasedNotThoseOfOnesStillStarting() throws Exception {
        ContainerRecord gone = running("a".repeat(64), "gone", false, deadPid(), 12345);
        ContainerDirs starting = unrecorded("b".repeat(64), SELF);
        Path endpoints = Files.createDirectories(host.store().root().resolve("networks/endpoints"));
        // On a network removed by hand meanwhile: released without a plugin to run.
        for (String id : List.of(gone.id(), starting.id(), "c".repeat(64))) {
            Files.writeString(endpoints.resolve("f".repeat(64) + "." + id + ".json"), """
                    {"endpointId": "%s", "containerId": "%s", "containerName": "x", "hostname": "x",
                     "networkId": "%s", "networkName": "lost", "ifname": "eth0", "aliases": [], "hostsFile": null,
                     "ports": [], "plugins": ["bridge"], "result": {}}
                    """.formatted("e".repeat(64), id, "f".repeat(64)));
        }
        reconciler.reconcile();
        try (var left = Files.list(endpoints)) {
            assertEquals(List.of("f".repeat(64) + "." + starting.id() + ".json"),
                    left.map(f -> f.getFileName().toString()).toList());
        }
        assertEquals(List.of(), warnings);
    }

    private ContainerDirs unrecorded(String id, long launcherPid) throws Exception {
        ContainerDirs dirs = host.starter().dirs(id);
        Files.createDirectories(dirs.dir());
        Files.writeString(dirs.launcherPid(), launcherPid + " " + (launcherPid == SELF ? ProcStat.startTime(SELF) : 1));
        return dirs;
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private ContainerRecord running(String id, String name, boolean autoRemove, long monitorPid, long monitorStart)
            throws Exception {
        ContainerRecord r = record(id, name, autoRemove,
                ContainerState.created().running(monitorPid, monitorStart, "2026-01-01T00:00:00Z"));
        host.store().containers().create(r);
        return r;
    }

    private static ContainerRecord record(String id, String name, boolean autoRemove, ContainerState state) {
        var config = new ContainerRecord.Config(null, List.of("sh"), List.of("PATH=/bin"), "/", "0", id.substring(0, 12),
                false, false, null);
        var hostConfig = new ContainerRecord.HostConfig(0, 0, 0, 0, 0, List.of(), List.of(), false, autoRemove, "none",
                List.of(), null, "", null, List.of(), null, null);
        return new ContainerRecord(id, name, "busybox", null, "2026-01-01T00:00:00Z", config, hostConfig, state);
    }
}
