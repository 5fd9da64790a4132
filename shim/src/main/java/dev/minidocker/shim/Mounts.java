package dev.minidocker.shim;

import static dev.minidocker.linux.Syscalls.MS_BIND;
import static dev.minidocker.linux.Syscalls.MS_NOATIME;
import static dev.minidocker.linux.Syscalls.MS_NODEV;
import static dev.minidocker.linux.Syscalls.MS_NODIRATIME;
import static dev.minidocker.linux.Syscalls.MS_NOEXEC;
import static dev.minidocker.linux.Syscalls.MS_NOSUID;
import static dev.minidocker.linux.Syscalls.MS_PRIVATE;
import static dev.minidocker.linux.Syscalls.MS_REC;
import static dev.minidocker.linux.Syscalls.MS_RELATIME;
import static dev.minidocker.linux.Syscalls.MS_REMOUNT;
import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.ContainerPath;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.RuntimeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Steps 4 and 5: a private mount tree, the root filesystem, then the spec's mounts inside it. */
final class Mounts {
    /** Flags a bind remount keeps from the mount it changes (the kernel locks them in user namespaces). */
    private static final long KEPT_ON_REMOUNT = MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME
            | MS_RELATIME;

    private final Syscalls sys;
    private final Path bundle;
    private final Path rootfs;
    private final Narrator say;

    Mounts(Syscalls sys, Path bundle, Path rootfs, Narrator say) {
        this.sys = sys;
        this.bundle = bundle;
        this.rootfs = rootfs;
        this.say = say;
    }

    /**
     * A mount namespace of the shim's own, every mount in it private, then the overlay (or the rootfs
     * bound onto itself) at the rootfs. The own namespace matters when whatever started the shim
     * shares the namespace it was given (a test's shell does; the monitor clones it for the shim
     * alone): pivot_root moves the root of every process of a namespace.
     */
    void mountRootfs(String overlayOptions) throws SetupException {
        say.say("unshare a mount namespace of the shim's own and make every mount private, so nothing mounted "
                + "here shows on the host");
        attempt("unshare mount namespace", "CLONE_NEWNS", () -> sys.unshare(Syscalls.CLONE_NEWNS));
        mount(null, Path.of("/"), null, MS_REC | MS_PRIVATE, null, "make private");
        if (overlayOptions != null) {
            say.say("mount overlay on " + rootfs + " (" + overlayOptions + ")");
            mount("overlay", rootfs, "overlay", 0, overlayOptions, "mount overlay");
        } else {
            say.say("bind " + rootfs + " onto itself, so that it is a mount point for pivot_root");
            mount(rootfs.toString(), rootfs, null, MS_BIND | MS_REC, null, "bind rootfs");
        }
    }

    /** The spec's mounts in order, each at its destination resolved inside the rootfs; cgroup comes later. */
    void mountAll(List<RuntimeSpec.Mount> mounts) throws SetupException {
        for (RuntimeSpec.Mount m : mounts) {
            if (m.type().equals("cgroup") || m.type().equals("cgroup2")) {
                continue;
            }
            mountOne(m);
        }
    }

    private void mountOne(RuntimeSpec.Mount m) throws SetupException {
        MountOptions o = MountOptions.parse(m.options());
        Path target = resolve(rootfs, m.destination());
        String options = m.options().isEmpty() ? "" : " (" + String.join(",", m.options()) + ")";
        if (o.bind() || m.type().equals("bind")) {
            Path source = bundle.resolve(m.source());
            createMountpoint(target, !Files.exists(source) || Files.isDirectory(source));
            say.say("bind " + source + " on " + m.destination() + options);
            mount(source.toString(), target, null, MS_BIND | (o.flags() & MS_REC), null, "bind " + source + " on");
            if (o.remountFlags() != 0) {
                remount(sys, target, o.remountFlags(), "remount");
            }
        } else {
            createMountpoint(target, true);
            say.say("mount " + m.type() + " on " + m.destination() + options);
            mount(m.source(), target, m.type(), o.flags(), o.data(), "mount " + m.type());
        }
        for (long propagation : o.propagation()) {
            mount(null, target, null, propagation, null, "set propagation of");
        }
    }

    private void mount(String source, Path target, String type, long flags, String data, String step)
            throws SetupException {
        attempt(step, target, () -> sys.mount(source, target, type, flags, data));
    }

    /**
     * A bind remount of {@code target} adding {@code flags} (MS_RDONLY...) and keeping the nosuid,
     * nodev, noexec and atime flags it has.
     */
    static void remount(Syscalls sys, Path target, long flags, String step) throws SetupException {
        long kept = attempt("statfs", target, () -> sys.mountFlags(target)) & KEPT_ON_REMOUNT;
        attempt(step, target, () -> sys.mount(null, target, null, MS_BIND | MS_REMOUNT | flags | kept, null));
    }

    /** {@link ContainerPath#resolve}, failing as a setup step. */
    static Path resolve(Path rootfs, String path) throws SetupException {
        return attempt("resolve", path, () -> ContainerPath.resolve(rootfs, path));
    }

    /** Creates a missing mount point: a directory, or an empty file for a file bind. */
    static void createMountpoint(Path target, boolean directory) throws SetupException {
        attempt("create mount point", target, () -> {
            if (directory) {
                Files.createDirectories(target);
            } else if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Files.createFile(target);
            }
        });
    }
}
