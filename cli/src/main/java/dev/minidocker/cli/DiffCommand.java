package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.ContainerChanges;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker diff CONTAINER}: what the container added ({@code A}), changed ({@code C}) and
 * deleted ({@code D}) in its image's files, running or stopped, read from its writable layer (see
 * {@link ContainerChanges}).
 */
final class DiffCommand implements CodedCommand {
    /**
     * The mount points the engine makes in a container's layer for what it mounts there (/proc,
     * /sys, /dev and its own files over /etc/hostname and /etc/hosts): Docker keeps them in an init
     * layer under the container's, so its diff never lists them.
     */
    private static final Set<String> ENGINES = Set.of("/proc", "/sys", "/dev", "/dev/pts", "/dev/shm",
            "/dev/console", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/etc/mtab", "/.dockerenv");

    String container;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "diff",
                "Inspect changes to files or directories on a container's filesystem.");
        spec.addPositional(positional("0", "CONTAINER", null, v -> container = v));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException {
        ContainerRecord c = context.container(container);
        Store store = context.store();
        List<Path> layers = new ArrayList<>();
        ImageRecord image = c.imageId() == null ? null : store.images().get(c.imageId()).orElse(null);
        if (image != null) {
            for (Digest diffId : image.diffIds().reversed()) {
                layers.add(store.layers().diffDir(diffId));
            }
        }
        for (ContainerChanges.Change change : ContainerChanges.of(context.writableLayer(c), layers, ENGINES)) {
            context.out.println(change);
        }
        return ExitCodes.OK;
    }
}
