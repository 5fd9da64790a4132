package dev.minidocker.launcher.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupsTest {
    @TempDir
    Path root;

    @Test
    void cgroupControllersAtTheRootMeansV2() throws Exception {
        CgroupTree.v2(root, "memory");
        assertInstanceOf(CgroupV2.class, Cgroups.forContainer(root, "c1", EventListener.NONE));
    }

    @Test
    void aHybridLayoutIsV1() throws Exception {
        CgroupTree.hybrid(root);
        assertInstanceOf(CgroupV1.class, Cgroups.forContainer(root, "c1", EventListener.NONE));
    }

    @Test
    void aRootWithNeitherIsRefused() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> Cgroups.forContainer(root, "c1", EventListener.NONE));
        assertEquals("cgroup: find the cgroup hierarchies under `" + root + "`: no cgroup v2 (cgroup.controllers) "
                + "and no cgroup v1 hierarchy", e.getMessage());
    }

    @Test
    void everyHierarchyOnceByItsDirectorysNameAndOnlyTheUnifiedCgroup2() throws Exception {
        CgroupTree.hybrid(root);
        CgroupTree.file(root.resolve("other2/cgroup.controllers"), "");
        CgroupTree.file(root.resolve("other2/cgroup.procs"), "");
        Files.createDirectories(root.resolve("empty"));
        assertEquals(List.of("cpu,cpuacct", "cpuset", "devices", "freezer", "memory", "pids", "systemd", "unified"),
                List.copyOf(Cgroups.v1Hierarchies(root).keySet()));
        assertEquals(root.resolve("cpu,cpuacct"), Cgroups.v1Hierarchies(root).get("cpu,cpuacct"));
    }

    @Test
    void anIdThatIsNotAPlainNameIsRefused() throws Exception {
        CgroupTree.v2(root, "memory");
        for (String id : new String[] {"", "..", "../x", "a/b", ".hidden"}) {
            LaunchException e = assertThrows(LaunchException.class,
                    () -> Cgroups.forContainer(root, id, EventListener.NONE));
            assertEquals("cgroup: container id `" + id + "`: not a valid cgroup name", e.getMessage());
        }
    }
}
