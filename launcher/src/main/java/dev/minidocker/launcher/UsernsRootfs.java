package dev.minidocker.launcher;

import dev.minidocker.launcher.plan.SpecBuilder;
import dev.minidocker.launcher.userns.IdMap;
import dev.minidocker.launcher.userns.MappedRoot;
import dev.minidocker.launcher.userns.UserNamespace;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.RuntimeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container with a user namespace of its own, as its monitor starts it: the uid and gid maps it
 * writes for the child, the cgroups it moves the child into, and the overlay it mounts in the
 * child's mount namespace from idmapped layers (the shim, root of the namespace only, could neither
 * idmap a host filesystem nor, on cgroup v2, leave the host's cgroup for the container's).
 *
 * @param overlayOptions the overlay's mount options, the image's layers as lowerdirs
 * @param target where the root filesystem is mounted
 * @param cgroupProcs the files the child joins its cgroups by
 */
record UsernsRootfs(UserNamespace userns, String overlayOptions, Path target, List<Path> cgroupProcs) {

    /** From a container's spec; null when it has no user namespace. */
    static UsernsRootfs of(RuntimeSpec spec) {
        UserNamespace userns = SpecBuilder.userNamespace(spec);
        if (userns == null) {
            return null;
        }
        return new UsernsRootfs(userns, spec.annotations().get(Annotations.OVERLAY), Path.of(spec.root().path()),
                SpecBuilder.cgroupJoinFiles(spec));
    }

    /**
     * Gives the namespace's root what the shim opens at start: the spec (written 0600), its cgroup
     * directories ({@code cgroups}) with the files it joins them by, the console.
     */
    void handOver(Path spec, List<Path> cgroups, String consoleSlave) throws LaunchException {
        MappedRoot.give(userns, spec);
        MappedRoot.delegateCgroup(userns, cgroups);
        if (consoleSlave != null && !consoleSlave.isEmpty()) {
            MappedRoot.give(userns, Path.of(consoleSlave));
        }
    }

    /**
     * {@code --uidmap "C H S"}... {@code --gidmap}... {@code --rootfs-overlay OPTIONS --rootfs DIR}
     * {@code --cgroup-procs FILE}....
     */
    List<String> monitorOptions() {
        List<String> options = new ArrayList<>();
        for (IdMap m : userns.uids()) {
            options.addAll(List.of("--uidmap", m.procLine()));
        }
        for (IdMap m : userns.gids()) {
            options.addAll(List.of("--gidmap", m.procLine()));
        }
        options.addAll(List.of("--rootfs-overlay", overlayOptions, "--rootfs", target.toString()));
        for (Path procs : cgroupProcs) {
            options.addAll(List.of("--cgroup-procs", procs.toString()));
        }
        return options;
    }
}
