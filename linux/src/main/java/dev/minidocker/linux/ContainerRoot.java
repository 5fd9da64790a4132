package dev.minidocker.linux;

import java.nio.file.Path;

/**
 * A container's root directory, held open, through which paths are reached as the container sees
 * them and never outside it, even while the container changes its files: each path is opened with
 * openat2(2)'s RESOLVE_IN_ROOT (the kernel's form of runc's securejoin), and worked on through
 * {@code /proc/self/fd/N}, whose one magic link is the descriptor just opened. Symbolic links,
 * {@code ..} and absolute link targets all stay below the root; a path's last component is never
 * followed unless asked for.
 */
public final class ContainerRoot implements AutoCloseable {
    private static final Path SELF_FD = Path.of("/proc/self/fd");

    private final Syscalls syscalls;
    private final int fd;

    private ContainerRoot(Syscalls syscalls, int fd) {
        this.syscalls = syscalls;
        this.fd = fd;
    }

    /** The root at {@code dir} (a root filesystem, or a running container's {@code /proc/<pid>/root}). */
    public static ContainerRoot open(Syscalls syscalls, Path dir) throws LinuxException {
        return new ContainerRoot(syscalls, syscalls.openDirectory(dir));
    }

    /** The root of a mount that the caller made and no longer needs: closing this root ends it. */
    public static ContainerRoot adopt(Syscalls syscalls, int mountFd) {
        return new ContainerRoot(syscalls, mountFd);
    }

    /** {@code path} taken from the container's {@code /}, {@code ..} removed lexically: {@code /a/b}, or {@code /}. */
    public static String clean(String path) {
        return Path.of("/").resolve(path).normalize().toString();
    }

    /**
     * The entry {@code path} names, its last component not followed: a {@link Handle} on the
     * directory holding it, whose {@link Handle#path()} is {@code /proc/self/fd/N/NAME}. Calls that do
     * not follow a final link (lstat, O_NOFOLLOW opens, O_EXCL creation, readlink, unlink, mkdir,
     * lchown) act on the entry itself inside the root; those that follow must go through {@link #open}.
     */
    public Handle entry(String path) throws LinuxException {
        String clean = clean(path);
        if (clean.equals("/")) {
            // The root has no name in a directory: "." after the descriptor's link names the directory itself.
            int opened = syscalls.openInRoot(fd, clean, false);
            return new Handle(syscalls, opened, SELF_FD.resolve(Integer.toString(opened)).resolve("."));
        }
        int slash = clean.lastIndexOf('/');
        int dir = syscalls.openInRoot(fd, slash == 0 ? "/" : clean.substring(0, slash), true);
        return new Handle(syscalls, dir, SELF_FD.resolve(Integer.toString(dir)).resolve(clean.substring(slash + 1)));
    }

    /**
     * {@code path} itself, opened with O_PATH: {@link Handle#path()} is {@code /proc/self/fd/N}, which
     * calls follow to exactly what was opened; {@code followLast} false opens a final symbolic link itself.
     */
    public Handle open(String path, boolean followLast) throws LinuxException {
        int opened = syscalls.openInRoot(fd, clean(path), followLast);
        return new Handle(syscalls, opened, SELF_FD.resolve(Integer.toString(opened)));
    }

    @Override
    public void close() throws LinuxException {
        syscalls.close(fd);
    }

    /** An open descriptor and the path that reaches what it stands for. */
    public static final class Handle implements AutoCloseable {
        private final Syscalls syscalls;
        private final int fd;
        private final Path path;

        private Handle(Syscalls syscalls, int fd, Path path) {
            this.syscalls = syscalls;
            this.fd = fd;
            this.path = path;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() throws LinuxException {
            syscalls.close(fd);
        }
    }
}
