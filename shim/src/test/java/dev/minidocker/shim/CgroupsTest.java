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
        assertEquals(List.of(new Cgroups.Hierarchy("memory", "memory", List.of()),
                        new Cgroups.Hierarchy("cpu,cpuacct", "cpu,cpuacct", List.of("cpu", "cpuacct")),
                        new Cgroups.Hierarchy("pids", "pids", List.of())),
                Cgroups.v1Hierarchies("memory,cpu,cpuacct,pids", SELF));
    }

    @Test
    void namedHierarchiesAndUnlistedControllers() {
        assertEquals(List.of(new Cgroups.Hierarchy("systemd", "none,name=systemd", List.of()),
                        new Cgroups.Hierarchy("freezer", "freezer", List.of())),
                Cgroups.v1Hierarchies("systemd,freezer", SELF));
    }

    @Test
    void anUnknownMountKindIsAnError() {
        SetupException e = assertThrows(SetupException.class,
                () -> Cgroups.open(new FakeSyscalls(), null, "v3", SELF, Narrator.SILENT));
        assertEquals("mount cgroups `v3`: not v2 or v1:<controller>,...", e.getMessage());
    }
}
