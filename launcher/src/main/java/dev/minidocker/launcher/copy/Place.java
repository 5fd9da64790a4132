package dev.minidocker.launcher.copy;

import dev.minidocker.linux.ContainerRoot;
import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One side of a copy: the host's files, or a container's, reached only inside its root. Paths are
 * absolute strings ({@code /etc/passwd}); an action is given the path of the entry itself, which it
 * must not follow if it is a link (NOFOLLOW_LINKS, O_EXCL creation, lchown, readlink).
 */
sealed interface Place extends AutoCloseable {
    /** What is done with an entry's path. */
    interface Action<T> {
        T apply(Path entry) throws IOException;
    }

    <T> T at(String path, Action<T> action) throws IOException;

    /** chmod(2) with all twelve mode bits of what is not a link, never through a final link. */
    void chmod(String path, int mode) throws IOException;

    /** The names in the directory {@code path}, sorted. */
    List<String> list(String path) throws IOException;

    @Override
    void close() throws IOException;

    static Place host(Syscalls syscalls) {
        return new Host(syscalls);
    }

    static Place container(ContainerRoot root, Syscalls syscalls) {
        return new Container(root, syscalls);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The host's files, as the caller may reach them. */
    record Host(Syscalls syscalls) implements Place {
        @Override
        public <T> T at(String path, Action<T> action) throws IOException {
            return action.apply(Path.of(path));
        }

        @Override
        public void chmod(String path, int mode) throws IOException {
            syscalls.chmod(Path.of(path), mode);
        }

        @Override
        public List<String> list(String path) throws IOException {
            return names(Path.of(path));
        }

        @Override
        public void close() {
        }
    }

    /** A container's files: each path opened anew inside its root (see {@link ContainerRoot}). */
    record Container(ContainerRoot root, Syscalls syscalls) implements Place {
        @Override
        public <T> T at(String path, Action<T> action) throws IOException {
            try (ContainerRoot.Handle entry = root.entry(path)) {
                return action.apply(entry.path());
            }
        }

        /**
         * Through the descriptor of the entry itself: chmod follows it to what was opened and no
         * further (a link put there meanwhile is opened itself, and only it is asked to change).
         */
        @Override
        public void chmod(String path, int mode) throws IOException {
            try (ContainerRoot.Handle entry = root.open(path, false)) {
                syscalls.chmod(entry.path(), mode);
            }
        }

        @Override
        public List<String> list(String path) throws IOException {
            try (ContainerRoot.Handle dir = root.open(path, false)) {
                return names(dir.path());
            }
        }

        @Override
        public void close() throws IOException {
            root.close();
        }
    }
}
