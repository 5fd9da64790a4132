package dev.minidocker.linux;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a path as the container will see it, inside its root filesystem: symbolic links and
 * {@code ..} are followed relative to the rootfs and can never leave it, as filepath-securejoin does
 * for runc. A link {@code /etc -> /host/etc} means {@code <rootfs>/host/etc}. Components that do not
 * exist yet are kept as they are (the caller may create them). The shim resolves in the rootfs it
 * mounts; the launcher in a running container's {@code /proc/<pid>/root}.
 */
public final class ContainerPath {
    private ContainerPath() {
    }

    /** The host path of {@code path} (absolute or not, it is taken from the container's /) in {@code rootfs}. */
    public static Path resolve(Path rootfs, String path) throws LinuxException {
        try {
            return join(rootfs, ScopedWalk.walk(path, names -> link(join(rootfs, names))));
        } catch (FileSystemLoopException e) {
            throw new LinuxException("resolve", path, Errno.ELOOP.number());
        } catch (IOException e) {
            throw new LinuxException("resolve", path, e.getMessage());
        }
    }

    /** A link's target; anything else (nothing yet, or a link that cannot be read) is kept as it is. */
    private static ScopedWalk.Step link(Path candidate) {
        if (!Files.isSymbolicLink(candidate)) {
            return ScopedWalk.Step.PLAIN;
        }
        try {
            return ScopedWalk.Step.link(Files.readSymbolicLink(candidate).toString());
        } catch (IOException e) {
            return ScopedWalk.Step.PLAIN;
        }
    }

    private static Path join(Path rootfs, List<String> names) {
        Path p = rootfs;
        for (String n : names) {
            p = p.resolve(n);
        }
        return p;
    }
}
