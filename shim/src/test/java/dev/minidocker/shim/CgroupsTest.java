package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupsTest {
    private static final String SELF = """
            12:name=systemd:/user.slice
            6:cpu,cpuacct:/user.slice
            5:memory:/user.slice
            4:pids:/user.slice
            0::/user.slice
            """;

    @Test
    void coMountedControllersAreOneHierarchyWithLinks() {
        assertEquals(List.of(new Cgroups.Hierarchy("memory", "cgroup", "memory", List.of()),
                        new Cgroups.Hierarchy("cpu,cpuacct", "cgroup", "cpu,cpuacct", List.of("cpu", "cpuacct")),
                        new Cgroups.Hierarchy("pids", "cgroup", "pids", List.of())),
                Cgroups.v1Hierarchies("memory,cpu,cpuacct,pids", SELF));
    }

    @Test
    void namedHierarchiesAndUnlistedControllers() {
        assertEquals(List.of(new Cgroups.Hierarchy("systemd", "cgroup", "none,name=systemd", List.of()),
                        new Cgroups.Hierarchy("freezer", "cgroup", "freezer", List.of())),
                Cgroups.v1Hierarchies("systemd,freezer", SELF));
    }

    @Test
    void aHybridHostsUnifiedHierarchyIsCgroup2() {
        assertEquals(List.of(new Cgroups.Hierarchy("pids", "cgroup", "pids", List.of()),
                        new Cgroups.Hierarchy("unified", "cgroup2", null, List.of())),
                Cgroups.v1Hierarchies("pids,unified", SELF));
    }

    @Test
    void anUnknownMountKindIsAnError() {
        SetupException e = assertThrows(SetupException.class,
                () -> Cgroups.open(new FakeSyscalls(), null, "v3", SELF, List.of(), Narrator.SILENT));
        assertEquals("mount cgroups `v3`: not v2 or v1:<controller>,...", e.getMessage());
    }
}
