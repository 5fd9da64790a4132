package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.ContainerDirs;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.cgroup.Cgroups;
import dev.minidocker.launcher.cgroup.DeviceRules;
import dev.minidocker.launcher.network.Networks;
import dev.minidocker.launcher.seccomp.SeccompPlan;
import dev.minidocker.launcher.userns.IdMap;
import dev.minidocker.launcher.userns.IdRanges;
import dev.minidocker.launcher.userns.UserNamespace;
import dev.minidocker.launcher.userns.UsernsMode;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.oci.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Image + options -> the whole plan of a container ({@link ContainerPlan}): its record, its
 * runtime spec with its limits, its root filesystem, its user namespace. It reads the store (the
 * image's config, the ids other containers map) and writes nothing, nor asks the kernel for
 * anything: the same plan is what {@code run --dry-run} prints and what the starter carries out.
 */
public final class Planner {
    /** The id a dry run plans under; no container has it. */
    static final String DRY_RUN_ID = "0".repeat(64);
    private final Store store;
    private final SeccompPlan seccomp;
    private Networks networks;

    /** {@code seccomp}: where a dry run names the program its seccomp rules compile to. */
    public Planner(Store store, SeccompPlan seccomp) {
        this.store = store;
        this.seccomp = seccomp;
    }

    /**
     * The plan of container {@code id}, which joins {@code cgroup}. With {@code --userns=private}
     * the caller holds the store's "userns" lock until the record is written, so that no two
     * containers get the same ids.
     */
    public ContainerPlan plan(String id, Source source, RunOptions options, Cgroup cgroup)
            throws LaunchException, StoreException {
        ContainerDirs dirs = new ContainerDirs(id, store.containers().dir(id));
        ImageConfig.RunConfig image = source instanceof Source.Image i ? imageConfig(i.image()) : null;
        String hostname = options.hostname() != null ? options.hostname() : id.substring(0, 12);
        NetworkPlan network = NetworkPlan.of(options.network(), hostname, options.hostname() != null,
                image == null || image.exposedPorts() == null ? List.of() : image.exposedPorts().keySet(), networks(),
                store.containers());
        if (network.joined() != null) {
            // As Docker: a container on another's network namespace takes that one's host name too.
            hostname = network.joined().config().hostname();
        }
        ProcessPlan process = ProcessPlan.of(image, options, hostname, System::getenv);
        String name = options.name() != null ? Names.check(options.name())
                : Names.random(ThreadLocalRandom.current());
        UserNamespace userns = userNamespace(options.userns());
        List<Path> lowers = lowers(source);
        OverlayPlan rootfs = new OverlayPlan(lowers, dirs.upper(), dirs.work(), dirs.rootfs());
        MountPlan mounts = MountPlanner.plan(options, MountPlanner.imageVolumes(image == null ? null : image.volumes()),
                this::container, store.volumes()::data);
        RuntimeSpec spec = SpecBuilder.build(dirs, rootfs, process, options, network, hostname, cgroup.membership(),
                userns, mounts);
        return new ContainerPlan(record(id, name, source, options, image, process, hostname, userns, mounts,
                network), dirs, spec, options.resources(), network, mounts, lowers);
    }

    /**
     * The plan {@code run --dry-run} prints: under an id no container has, its cgroup named under
     * {@code cgroupRoot} (whose version is read there) but not made.
     */
    public ContainerPlan dryRun(Source source, RunOptions options, Path cgroupRoot)
            throws LaunchException, StoreException {
        ContainerPlan plan = plan(DRY_RUN_ID, source, options,
                Cgroups.forContainer(cgroupRoot, DRY_RUN_ID, write -> { }));
        // The resolved rules, as OCI's linux.seccomp, and where their program would be: nothing compiled.
        return new ContainerPlan(plan.record(), plan.dirs(), seccomp.confine(plan.spec(), options.effectiveSeccomp(), false),
                plan.resources(), plan.network(), plan.mounts(), plan.imageLayers());
    }

    private ContainerRecord record(String id, String name, Source source, RunOptions options,
            ImageConfig.RunConfig image, ProcessPlan process, String hostname, UserNamespace userns, MountPlan mounts,
            NetworkPlan network) {
        var r = options.resources();
        var hostConfig = new ContainerRecord.HostConfig(r.memoryBytes(), r.memorySwapBytes(), r.nanoCpus(),
                r.cpuShares(), r.pidsLimit(), options.binds(), mounts.tmpfs(), options.readOnly(),
                options.autoRemove(), network.mode(),
                securityOpt(options), options.logConfig(),
                options.userns().name(), userns == null ? null : new ContainerRecord.IdMappings(
                        UserNamespace.text(userns.uids()), UserNamespace.text(userns.gids())), mounts.points(),
                privileges(options), network.networking());
        // What runs, as Docker records it: the image's ENTRYPOINT and CMD as the options changed them.
        var config = new ContainerRecord.Config(ProcessPlan.entrypoint(image, options), ProcessPlan.cmd(image, options),
                process.env(), process.cwd(), process.user(), hostname, options.tty(), options.interactive(),
                image == null ? null : image.stopSignal());
        String imageName = source instanceof Source.Image i ? i.name() : ((Source.Directory) source).rootfs().toString();
        Digest imageId = source instanceof Source.Image i ? i.image().id() : null;
        return new ContainerRecord(id, name, imageName, imageId, Instant.now().toString(), config, hostConfig,
                ContainerState.created());
    }

    /** The container {@code --volumes-from} names, as Docker finds it. */
    private ContainerRecord container(String nameOrId) throws LaunchException, StoreException {
        return store.containers().find(nameOrId).orElseThrow(() -> new LaunchException("No such container: "
                + nameOrId));
    }

    /** {@code --security-opt}s as Docker records them (a seccomp profile's file by its content). */
    private static List<String> securityOpt(RunOptions options) {
        List<String> opts = new ArrayList<>();
        if (options.noNewPrivileges()) {
            opts.add("no-new-privileges");
        }
        if (options.seccomp().securityOpt() != null) {
            opts.add(options.seccomp().securityOpt());
        }
        return opts;
    }

    /** Docker's Privileged, CapAdd, CapDrop, Devices and DeviceCgroupRules, as the flags gave them. */
    private static ContainerRecord.Privileges privileges(RunOptions options) {
        Privileges p = options.privileges();
        return new ContainerRecord.Privileges(p.privileged(), p.capAdd(), p.capDrop(),
                options.devices().stream().map(d -> new ContainerRecord.Device(d.pathOnHost(), d.pathInContainer(),
                        d.permissions())).toList(),
                options.deviceCgroupRules().stream().map(DeviceRules::line).toList());
    }

    /** The overlay's lower directories, topmost first: the image's layers, or the directory. */
    private List<Path> lowers(Source source) {
        if (source instanceof Source.Directory d) {
            return List.of(d.rootfs());
        }
        List<Path> lowers = new ArrayList<>();
        for (Digest diffId : ((Source.Image) source).image().diffIds().reversed()) {
            lowers.add(store.layers().diffDir(diffId));
        }
        return lowers;
    }

    /** The store's networks, read only when a plan names one. */
    private Networks networks() {
        if (networks == null) {
            networks = Networks.of(store);
        }
        return networks;
    }

    private ImageConfig.RunConfig imageConfig(ImageRecord image) throws LaunchException, StoreException {
        try {
            return JsonObject.read(store.blobs().read(image.id()), ImageConfig::fromJson).config();
        } catch (IOException e) {
            throw new LaunchException("read config of image " + image.id().shortHex() + ": " + e.getMessage(), e);
        }
    }

    /** The user namespace {@code mode} asks for: none, the maps given, or a range of the pool that no container maps. */
    private UserNamespace userNamespace(UsernsMode mode) throws LaunchException, StoreException {
        if (!mode.isPrivate()) {
            return null;
        }
        if (!mode.uidMap().isEmpty()) {
            return UserNamespace.of(mode.uidMap(), mode.gidMap());
        }
        List<IdMap> taken = new ArrayList<>();
        for (ContainerRecord c : store.containers().all()) {
            ContainerRecord.IdMappings ids = c.hostConfig() == null ? null : c.hostConfig().idMappings();
            if (ids != null) {
                taken.addAll(UserNamespace.parse(ids.uidMap(), "--uidmap"));
                taken.addAll(UserNamespace.parse(ids.gidMap(), "--gidmap"));
            }
        }
        return IdRanges.pick(hostFile("/etc/subuid"), hostFile("/etc/subgid"), taken);
    }

    private static String hostFile(String path) throws LaunchException {
        try {
            return Files.exists(Path.of(path)) ? Files.readString(Path.of(path)) : "";
        } catch (IOException e) {
            throw new LaunchException("read " + path + ": " + e.getMessage(), e);
        }
    }
}
