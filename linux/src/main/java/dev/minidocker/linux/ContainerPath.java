package dev.minidocker.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path as the container will see it, inside its root filesystem: symbolic links and
 * {@code ..} are followed relative to the rootfs and can never leave it, as filepath-securejoin does
 * for runc. A link {@code /etc -> /host/etc} means {@code <rootfs>/host/etc}. Components that do not
 * exist yet are kept as they are (the caller may create them). The shim resolves in the rootfs it
 * mounts; the launcher in a running container's {@code /proc/<pid>/root}.
 */
public final class ContainerPath {
    private static final int MAX_LINKS = 255;

    private ContainerPath() {
    }

    /** The host path of {@code path} (absolute or not, it is taken from the container's /) in {@code rootfs}. */
    public static Path resolve(Path rootfs, String path) throws LinuxException {
        Deque<String> rest = new ArrayDeque<>();
        push(rest, path);
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!rest.isEmpty()) {
            String name = rest.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            Path candidate = join(rootfs, done).resolve(name);
            if (!Files.isSymbolicLink(candidate)) {
                done.add(name);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new LinuxException("resolve", path, Errno.ELOOP.number());
            }
            String target;
            try {
                target = Files.readSymbolicLink(candidate).toString();
            } catch (IOException e) {
                done.add(name);
                continue;
            }
            if (target.startsWith("/")) {
                done.clear();
            }
            push(rest, target);
        }
        return join(rootfs, done);
    }

    /** Puts the components of {@code path} in front of {@code rest}, in order. */
    private static void push(Deque<String> rest, String path) {
        String[] names = path.split("/");
        for (int i = names.length - 1; i >= 0; i--) {
            rest.push(names[i]);
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
