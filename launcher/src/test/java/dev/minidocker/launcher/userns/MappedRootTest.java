package dev.minidocker.launcher.userns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handing a container's cgroups to its user namespace's root, on temp trees shaped like /sys/fs/cgroup (as root). */
class MappedRootTest {
    private static final UserNamespace USERNS = namespace();

    @TempDir
    Path root;

    private static UserNamespace namespace() {
        try {
            return UserNamespace.of(List.of(new IdMap(0, 200000, 65536)), List.of(new IdMap(0, 300000, 65536)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String owner(Path path) throws Exception {
        return Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    private static Path cgroup(Path dir, String... files) throws Exception {
        Files.createDirectories(dir);
        for (String f : files) {
            Files.writeString(dir.resolve(f), "");
        }
        return dir.resolve("cgroup.procs");
    }

    @Test
    void onCgroupV2TheDirectoryAndTheDelegationFilesGoToTheNamespacesRoot() throws Exception {
        Path container = root.resolve("minidocker/abc");
        cgroup(container, "cgroup.procs", "cgroup.threads", "cgroup.subtree_control", "memory.max", "pids.max");
        MappedRoot.delegateCgroup(USERNS, List.of(container));
        for (String delegated : List.of(".", "cgroup.procs", "cgroup.threads", "cgroup.subtree_control")) {
            assertEquals("200000:300000", owner(container.resolve(delegated)), delegated);
        }
        // Its limits stay the host's: the container may not raise them.
        assertEquals("0:0", owner(container.resolve("memory.max")));
        assertEquals("0:0", owner(container.resolve("pids.max")));
        assertEquals("0:0", owner(root.resolve("minidocker")));
    }

    @Test
    void onCgroupV1EachHierarchysDirectoryTasksAndProcsFilesGoToIt() throws Exception {
        Path memory = cgroup(root.resolve("memory/minidocker/abc"), "cgroup.procs", "tasks", "memory.limit_in_bytes")
                .resolveSibling("tasks");
        Path pids = cgroup(root.resolve("pids/minidocker/abc"), "cgroup.procs", "tasks", "pids.max")
                .resolveSibling("tasks");
        MappedRoot.delegateCgroup(USERNS, List.of(memory.getParent(), pids.getParent()));
        for (Path tasks : List.of(memory, pids)) {
            assertEquals("200000:300000", owner(tasks));
            assertEquals("200000:300000", owner(tasks.getParent()));
            assertEquals("200000:300000", owner(tasks.resolveSibling("cgroup.procs")));
        }
        assertEquals("0:0", owner(memory.resolveSibling("memory.limit_in_bytes")));
        assertEquals("0:0", owner(root.resolve("memory/minidocker")));
    }
}
