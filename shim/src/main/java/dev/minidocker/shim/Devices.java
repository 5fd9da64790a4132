package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.Linux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Step 6: the device nodes every container has (runtime-spec config-linux.md "Default Devices"),
 * those the spec adds ({@code linux.devices}: {@code --device}), runc's /dev symlinks, and
 * /dev/console bound to the console's pty. Which of them may be opened is the device cgroup's say.
 */
final class Devices {
    private record Node(String name, int major, int minor) {
    }

    private record Link(String name, String target) {
    }

    private static final List<Node> NODES = List.of(new Node("null", 1, 3), new Node("zero", 1, 5),
            new Node("full", 1, 7), new Node("random", 1, 8), new Node("urandom", 1, 9), new Node("tty", 5, 0));
    private static final List<Link> LINKS = List.of(new Link("fd", "/proc/self/fd"),
            new Link("stdin", "/proc/self/fd/0"), new Link("stdout", "/proc/self/fd/1"),
            new Link("stderr", "/proc/self/fd/2"), new Link("ptmx", "pts/ptmx"));

    private final Syscalls sys;
    private final Path dev;
    private final Narrator say;

    private Devices(Syscalls sys, Path dev, Narrator say) {
        this.sys = sys;
        this.dev = dev;
        this.say = say;
    }

    /**
     * Creates the nodes and links in the rootfs's /dev, then the spec's {@code added} ones; {@code console}
     * is the pty slave or null.
     */
    static void create(Syscalls sys, Path rootfs, List<Linux.Device> added, Path console, Narrator say)
            throws SetupException {
        Path dev = Mounts.resolve(rootfs, "/dev");
        Mounts.createMountpoint(dev, true);
        Devices devices = new Devices(sys, dev, say);
        say.say("create /dev/{null,zero,full,random,urandom,tty} (mode 0666) and the /dev/fd, std* and ptmx links");
        for (Node node : NODES) {
            devices.node(node);
        }
        for (Link link : LINKS) {
            devices.link(link);
        }
        for (Linux.Device device : added) {
            devices.add(rootfs, device);
        }
        if (console != null) {
            devices.console(console);
        }
    }

    /** A node of the spec's, with its type, numbers, mode and owner (0666 and root unless given), where it says. */
    private void add(Path rootfs, Linux.Device device) throws SetupException {
        int type = switch (String.valueOf(device.type())) {
            case "c", "u" -> Syscalls.S_IFCHR;
            case "b" -> Syscalls.S_IFBLK;
            default -> throw new SetupException("create device", device.path(), "type `" + device.type()
                    + "` is not c or b");
        };
        int mode = device.fileMode() == null ? 0666 : (int) (device.fileMode() & 07777);
        int uid = device.uid() == null ? 0 : device.uid().intValue();
        int gid = device.gid() == null ? 0 : device.gid().intValue();
        Path path = Mounts.resolve(rootfs, device.path());
        say.say("create " + device.path() + " (" + device.type() + " " + device.major() + ":" + device.minor()
                + ", mode 0" + Integer.toOctalString(mode) + ")");
        attempt("create directory", path.getParent(), () -> Files.createDirectories(path.getParent()));
        attempt("remove", path, () -> Files.deleteIfExists(path));
        try {
            long numbers = Syscalls.device((int) device.major(), (int) device.minor());
            sys.mknod(path, type | (mode & 0777), numbers);
        } catch (LinuxException e) {
            if (!e.is(Errno.EPERM)) {
                throw SetupException.of("mknod", path, e);
            }
            // In a user namespace: the host's node of the same path, as runc binds it.
            bind(Path.of(device.path()), path);
            return;
        }
        attempt("chmod", path, () -> sys.chmod(path, mode));
        attempt("chown", path, () -> sys.lchown(path, uid, gid));
    }

    /** mknod, or (EPERM: in a user namespace) a bind of the host's node, as runc does rootless. */
    private void node(Node node) throws SetupException {
        Path path = fresh(node.name());
        try {
            sys.mknod(path, Syscalls.S_IFCHR | 0666, Syscalls.device(node.major(), node.minor()));
            sys.chmod(path, 0666);
            return;
        } catch (LinuxException e) {
            if (!e.is(Errno.EPERM)) {
                throw SetupException.of("mknod", path, e);
            }
        }
        bind(Path.of("/dev", node.name()), path);
    }

    private void link(Link link) throws SetupException {
        Path path = fresh(link.name());
        attempt("symlink", path, () -> sys.symlink(link.target(), path));
    }

    private void console(Path console) throws SetupException {
        Path path = fresh("console");
        say.say("bind " + console + " on /dev/console");
        bind(console, path);
    }

    private void bind(Path source, Path target) throws SetupException {
        Mounts.createMountpoint(target, false);
        attempt("bind " + source + " on", target,
                () -> sys.mount(source.toString(), target, null, Syscalls.MS_BIND, null));
    }

    /** The path of {@code name} in /dev, after removing what the image had there. */
    private Path fresh(String name) throws SetupException {
        Path path = dev.resolve(name);
        attempt("remove", path, () -> Files.deleteIfExists(path));
        return path;
    }
}
