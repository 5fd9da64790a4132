package dev.minidocker.launcher.userns;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * What the root of a container's user namespace needs on the host. It is an unprivileged host uid
 * there (100000, say): capabilities inside the namespace override no permission on a file whose
 * owner the namespace does not map. So, as runc and Podman do for rootless containers, the files it
 * must write are handed to it (the container directory, where the shim writes init.pid; the upper
 * and work directories; the cgroup files it writes to join; the console), and the directories
 * on the way to them must let others pass (Docker's data root is 0711 for the same reason).
 */
public final class MappedRoot {
    private MappedRoot() {
    }

    /**
     * Makes {@code store} and {@code store/containers} searchable by others and checks the
     * directories above, then gives {@code dirs} (the container directory, upper, work) to the root.
     */
    public static void prepare(UserNamespace userns, Path store, List<Path> dirs) throws LaunchException {
        Path containers = store.resolve("containers");
        for (Path dir : List.of(store, containers)) {
            try {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
                if (mode.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(dir, mode);
                }
            } catch (IOException e) {
                throw new LaunchException("let the user namespace's root through " + dir + ": " + e.getMessage(), e);
            }
        }
        for (Path dir = store.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (!searchable(dir)) {
                throw new LaunchException("--userns: the container's root (host uid " + userns.rootUid()
                        + ") cannot reach " + store + ": " + dir + " is not searchable by others (chmod o+x)");
            }
        }
        for (Path dir : dirs) {
            give(userns, dir);
        }
    }

    /**
     * The container's cgroup directories and, in each, the files the kernel's delegation model names
     * (as runc delegates them): the join files ({@code tasks} on v1, {@code cgroup.procs}), and on
     * v2 {@code cgroup.threads} and {@code cgroup.subtree_control}, so that the container's root
     * can make and manage cgroups below its own.
     */
    public static void delegateCgroup(UserNamespace userns, List<Path> directories) throws LaunchException {
        for (Path dir : directories) {
            give(userns, dir);
            for (String delegated : List.of("tasks", "cgroup.procs", "cgroup.threads", "cgroup.subtree_control")) {
                Path file = dir.resolve(delegated);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    give(userns, file);
                }
            }
        }
    }

    /** Chowns {@code path} to the namespace's root user and group. */
    public static void give(UserNamespace userns, Path path) throws LaunchException {
        try {
            Files.setAttribute(path, "unix:uid", userns.rootUid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", userns.rootGid(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new LaunchException("chown " + path + " to " + userns.rootUid() + ":" + userns.rootGid() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean searchable(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException e) {
            return false;
        }
    }
}
