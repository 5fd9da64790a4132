package dev.minidocker.launcher.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Path;
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
    void aHybridLayoutIsV1AndIgnoresTheUnifiedMount() throws Exception {
        CgroupTree.hybrid(root);
        assertInstanceOf(CgroupV1.class, Cgroups.forContainer(root, "c1", EventListener.NONE));
    }

    @Test
    void aRootWithNeitherIsRefused() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> Cgroups.forContainer(root, "c1", EventListener.NONE));
        assertEquals("cgroup: find the cgroup hierarchies under `" + root + "`: no cgroup v2 (cgroup.controllers) "
                + "and no cgroup v1 memory, cpu or pids hierarchy", e.getMessage());
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
