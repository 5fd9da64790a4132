package dev.minidocker.launcher.plan;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.cgroup.DeviceRules;
import dev.minidocker.spec.Linux;
import dev.minidocker.spec.Resources.DeviceRule;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host's nodes that a {@code --device} names, as Docker's oci.DevicesFromPath finds them: the
 * node (a link to one is followed), or every node under a directory, each with its type, numbers,
 * mode and owner, at the same place under the container path.
 */
final class HostDevices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    /** A node to make in the container and the rule that lets the container use it. */
    record Found(Linux.Device device, DeviceRule rule) {
    }

    /** Directories of /dev that hold mounts of their own or no nodes of the host's, as runc's HostDevices skips them. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("pts", "shm", "fd", "mqueue", ".lxc",
            ".lxd-mounts", ".udev");
    /** Nodes a container has of its own: its console is its pty, its ptmx its devpts's. */
    private static final Set<String> SKIPPED_NODES = Set.of("console", "ptmx");

    private HostDevices() {
    }

    /** Every node of the host's /dev, at the same path, for a privileged container (as runc's HostDevices). */
    static List<Found> all() throws LaunchException {
        return all(Path.of("/dev"));
    }

    static List<Found> all(Path dev) throws LaunchException {
        List<Found> found = new ArrayList<>();
        try {
            Files.walkFileTree(dev, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(dev) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isOther() && !SKIPPED_NODES.contains(file.getFileName().toString())) {
                        Found node = node(file, Path.of("/dev").resolve(dev.relativize(file)).toString(), "rwm");
                        if (node != null) {
                            found.add(node);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A node that went away while walked (a hot-unplugged disk) is not the container's.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new LaunchException("read the host's devices in " + dev + ": " + e.getMessage(), e);
        }
        return found;
    }

    static List<Found> of(DeviceMapping mapping) throws LaunchException {
        Path host = Path.of(mapping.pathOnHost());
        try {
            Path resolved = Files.isSymbolicLink(host) ? host.toRealPath() : host;
            Found node = node(resolved, mapping.pathInContainer(), mapping.permissions());
            if (node != null) {
                return List.of(node);
            }
            List<Found> found = new ArrayList<>();
            if (Files.isDirectory(resolved, NOFOLLOW_LINKS)) {
                try (Stream<Path> tree = Files.walk(resolved)) {
                    for (Path p : tree.sorted().toList()) {
                        Found child = node(p, mapping.pathInContainer() + "/" + resolved.relativize(p),
                                mapping.permissions());
                        if (child != null) {
                            found.add(child);
                        }
                    }
                }
            }
            if (found.isEmpty()) {
                throw failure(mapping, "not a device node");
            }
            return found;
        } catch (NoSuchFileException e) {
            throw failure(mapping, "no such file or directory");
        } catch (IOException e) {
            throw failure(mapping, e.getMessage());
        }
    }

    /** The node at {@code path}, or null when it is no character or block device. */
    private static Found node(Path path, String inContainer, String permissions) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,rdev,uid,gid", NOFOLLOW_LINKS);
        int mode = (int) a.get("mode");
        String type = switch (mode & S_IFMT) {
            case S_IFCHR -> "c";
            case S_IFBLK -> "b";
            default -> null;
        };
        if (type == null) {
            return null;
        }
        long rdev = (long) a.get("rdev");
        // glibc's gnu_dev_major and gnu_dev_minor.
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & 0xffff_f000L);
        long minor = (rdev & 0xff) | ((rdev >>> 12) & 0xffff_ff00L);
        var device = new Linux.Device(Path.of(inContainer).normalize().toString(), type, major, minor,
                (long) (mode & 07777), (long) (int) a.get("uid"), (long) (int) a.get("gid"));
        return new Found(device, DeviceRules.allow(type, major, minor, permissions));
    }

    private static LaunchException failure(DeviceMapping mapping, String detail) {
        return new LaunchException("error gathering device information while adding custom device \""
                + mapping.pathOnHost() + "\": " + detail);
    }
}
