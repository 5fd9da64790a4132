package dev.minidocker.launcher.copy;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.Starter;
import dev.minidocker.linux.ContainerRoot;
import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.Linux;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.store.container.ContainerRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code cp} between a container and the host, or a tar stream. A running container's files are
 * reached through its process 1's root ({@code /proc/<pid>/root}, its mounts included); a stopped
 * one's through its overlay, mounted nowhere (see {@link Syscalls#mountDetached}) for as long as
 * the copy takes. Inside the container every path is resolved in its root ({@link ContainerRoot}).
 */
public final class ContainerCopy {
    /**
     * A running container's kernel filesystems, copied as empty directories, as Docker, which copies
     * from the root filesystem alone, has them: /proc alone would never end.
     */
    private static final Set<String> KERNEL_MOUNTS = Set.of("/proc", "/sys", "/dev");
    /** What nobody in a user namespace maps to: the kernel's overflow id. */
    private static final int OVERFLOW_ID = 65534;

    private final Starter starter;
    private final Lifecycle lifecycle;
    private final Syscalls syscalls;

    public ContainerCopy(Starter starter, Lifecycle lifecycle, Syscalls syscalls) {
        this.starter = starter;
        this.lifecycle = lifecycle;
        this.syscalls = syscalls;
    }

    /** {@code cp CONTAINER:SRC DEST}; DEST {@code -} writes a tar to {@code stdout}. */
    public void out(ContainerRecord c, String src, String dest, boolean follow, OutputStream stdout)
            throws LaunchException {
        try (Place container = Place.container(root(c), syscalls); Place host = Place.host(syscalls)) {
            TreeReader reader = new TreeReader(container, KERNEL_MOUNTS);
            String from = follow ? reader.followed(ContainerRoot.clean(src)) : ContainerRoot.clean(src);
            CopyEntry top = reader.stat(from, "");
            if (top == null) {
                throw new LaunchException("Could not find the file " + src + " in container " + c.name());
            }
            if (dest.equals("-")) {
                EntrySink tar = TarStreams.writer(stdout);
                Linux linux = spec(c).linux();
                List<Linux.IdMapping> uids = linux == null ? List.of() : linux.uidMappings();
                List<Linux.IdMapping> gids = linux == null ? List.of() : linux.gidMappings();
                reader.read(from, renamed(top, CopyRules.name(src)), new EntrySink() {
                    @Override
                    public void accept(CopyEntry entry, InputStream content) throws IOException {
                        tar.accept(entry.owned(containerId(uids, entry.uid()), containerId(gids, entry.gid())), content);
                    }

                    @Override
                    public void finish() throws IOException {
                        tar.finish();
                    }
                });
                tar.finish();
                return;
            }
            copy(reader, src, from, top, host, Path.of(dest).toAbsolutePath() + (dest.endsWith("/") ? "/" : ""), null,
                    "lstat ", ": no such file or directory");
        } catch (IOException e) {
            throw new LaunchException("copy from container " + c.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code cp SRC CONTAINER:DEST}; SRC {@code -} reads a tar from {@code stdin} into the directory
     * DEST. Files are the container root's, or with {@code archive} keep their owners, as user ids
     * of the container.
     */
    public void in(String src, ContainerRecord c, String dest, boolean archive, boolean follow, InputStream stdin)
            throws LaunchException {
        Linux linux = spec(c).linux();
        UnaryOperator<CopyEntry> owner = e -> e.owned(hostId(linux == null ? List.of() : linux.uidMappings(),
                archive ? e.uid() : 0), hostId(linux == null ? List.of() : linux.gidMappings(), archive ? e.gid() : 0));
        try (Place container = Place.container(root(c), syscalls); Place host = Place.host(syscalls)) {
            if (src.equals("-")) {
                TreeReader inContainer = new TreeReader(container);
                String to = inContainer.followed(ContainerRoot.clean(dest));
                CopyEntry d = inContainer.stat(to, "");
                if (d == null) {
                    throw new LaunchException("Could not find the file " + dest + " in container " + c.name());
                }
                if (!d.isDirectory()) {
                    throw new LaunchException("destination \"" + c.name() + ":" + dest + "\" must be a directory");
                }
                TarStreams.read(stdin, new TreeWriter(container, to, syscalls, owner));
                return;
            }
            TreeReader reader = new TreeReader(host);
            String absolute = Path.of(src).toAbsolutePath().normalize().toString();
            String from = follow ? reader.followed(absolute) : absolute;
            CopyEntry top = reader.stat(from, "");
            if (top == null) {
                throw new LaunchException("lstat " + src + ": no such file or directory");
            }
            copy(reader, src, from, top, container, dest, owner,
                    "Could not find the file ", " in container " + c.name());
        } catch (IOException e) {
            throw new LaunchException("copy to container " + c.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies {@code top} (at {@code from}, named {@code src} on the command line) to {@code dest} of
     * {@code place} by Docker's rules, a link as DEST followed (in that place); a missing directory is
     * named between {@code missing} and {@code missingEnd}.
     */
    void copy(TreeReader reader, String src, String from, CopyEntry top, Place place, String dest,
            UnaryOperator<CopyEntry> owner, String missing, String missingEnd) throws IOException, LaunchException {
        TreeReader there = new TreeReader(place);
        String to = there.followed(ContainerRoot.clean(dest));
        CopyEntry existing = there.stat(to, "");
        boolean trailing = dest.endsWith("/") || dest.endsWith("/.");
        CopyRules.Target target = CopyRules.target(src, top.isDirectory(), trailing ? to + "/" : to,
                existing == null ? null : existing.isDirectory());
        CopyEntry dir = there.stat(target.dir(), "");
        if (dir == null || !dir.isDirectory()) {
            throw new LaunchException(missing + target.dir() + missingEnd);
        }
        TreeWriter writer = new TreeWriter(place, target.dir(), syscalls, owner);
        reader.read(from, renamed(top, target.name()), writer);
        writer.finish();
    }

    private static CopyEntry renamed(CopyEntry e, String name) {
        return new CopyEntry(name, e.mode(), e.uid(), e.gid(), e.device(), e.size(), e.modified(), e.link(), false);
    }

    /** The root the container's files are reached through, running or not. */
    private ContainerRoot root(ContainerRecord c) throws LaunchException {
        OptionalLong pid = lifecycle.init(c);
        try {
            if (pid.isPresent()) {
                return ContainerRoot.open(syscalls, Path.of("/proc/" + pid.getAsLong() + "/root"));
            }
            String overlay = spec(c).annotations().get(Annotations.OVERLAY);
            if (overlay == null) {
                throw new LaunchException("copy files of container " + c.name() + ": its spec names no overlay");
            }
            List<String> options = Arrays.asList(overlay.split(","));
            try {
                return ContainerRoot.adopt(syscalls, syscalls.mountDetached("overlay", layerByLayer(options)));
            } catch (LinuxException e) {
                if (!e.is(Errno.EINVAL)) {
                    throw e;
                }
                // Before Linux 6.8 overlayfs has no lowerdir+; one lowerdir of 256 bytes at most then.
                return ContainerRoot.adopt(syscalls, syscalls.mountDetached("overlay", options));
            }
        } catch (IOException e) {
            throw new LaunchException("open the root filesystem of container " + c.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * mount(2)'s options for fsconfig(2), whose string values stop at 256 bytes: the lower
     * directories one by one ({@code lowerdir+}), topmost first as in {@code lowerdir}.
     */
    static List<String> layerByLayer(List<String> options) {
        List<String> split = new ArrayList<>();
        for (String option : options) {
            if (option.startsWith("lowerdir=")) {
                for (String dir : option.substring("lowerdir=".length()).split(":")) {
                    split.add("lowerdir+=" + dir);
                }
            } else {
                split.add(option);
            }
        }
        return split;
    }

    private RuntimeSpec spec(ContainerRecord c) throws LaunchException {
        return starter.spec(c.id());
    }

    /** The container's id for the host's {@code id}, as a tar from a user-namespaced container names owners. */
    static int containerId(List<Linux.IdMapping> mappings, int id) {
        if (mappings.isEmpty()) {
            return id;
        }
        for (Linux.IdMapping m : mappings) {
            if (id >= m.hostID() && id < m.hostID() + m.size()) {
                return (int) (m.containerID() + id - m.hostID());
            }
        }
        return OVERFLOW_ID;
    }

    /** The host id of the container's {@code id} through the user namespace's mappings, if it has one. */
    static int hostId(List<Linux.IdMapping> mappings, int id) {
        if (mappings.isEmpty()) {
            return id;
        }
        for (Linux.IdMapping m : mappings) {
            if (id >= m.containerID() && id < m.containerID() + m.size()) {
                return (int) (m.hostID() + id - m.containerID());
            }
        }
        return OVERFLOW_ID;
    }
}
