package dev.minidocker.launcher.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.launcher.seccomp.SeccompOption;
import dev.minidocker.launcher.seccomp.SeccompPlan;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.Resources.Cpu;
import dev.minidocker.spec.Resources.Memory;
import dev.minidocker.spec.Resources.Pids;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.spec.json.Json;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan of a container from an image, made without root and with nothing written ({@code run --dry-run}). */
class PlannerTest {
    private static final long MB = 1024 * 1024;
    private static final Digest BASE = Digest.of("base layer".getBytes(StandardCharsets.UTF_8));
    private static final Digest TOP = Digest.of("top layer".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private Store store;
    private Path cgroupRoot;
    private Planner planner;
    private Source.Image image;

    @BeforeEach
    void storeWithAnImage() throws Exception {
        store = Store.open(dir.resolve("store"), notice -> { });
        cgroupRoot = Files.createDirectories(dir.resolve("cgroup"));
        Files.writeString(cgroupRoot.resolve("cgroup.controllers"), "memory pids cpu\n");
        // A dry run compiles nothing: no seccomp compiler is needed.
        planner = new Planner(store, SeccompPlan.beside(store.root(), dir));
        byte[] config = """
                {"architecture":"amd64","os":"linux",
                 "config":{"Entrypoint":["/entrypoint.sh"],"Cmd":["serve"],"Env":["APP=1"],
                           "WorkingDir":"/app","User":"app","Volumes":{"/var/lib/app":{},"/cache":{}}},
                 "rootfs":{"type":"layers","diff_ids":["%s","%s"]}}
                """.formatted(BASE, TOP).getBytes(StandardCharsets.UTF_8);
        Digest id = Digest.of(config);
        store.blobs().put(id, config);
        List<ImageRecord.Layer> layers = List.of(new ImageRecord.Layer(BASE, MediaTypes.OCI_LAYER_GZIP, 10, BASE),
                new ImageRecord.Layer(TOP, MediaTypes.OCI_LAYER_GZIP, 10, TOP));
        image = new Source.Image("example/app", new ImageRecord(id, id, MediaTypes.OCI_MANIFEST,
                Platform.parse("linux/amd64"), "2026-01-01T00:00:00Z", layers, 20));
    }

    private ContainerPlan dryRun(RunFlags flags) throws Exception {
        return planner.dryRun(image, flags.options(), cgroupRoot);
    }

    @Test
    void theOverlayStacksTheImagesLayersTopmostFirst() throws Exception {
        RuntimeSpec spec = dryRun(RunFlags.run()).spec();
        Path layers = store.root().resolve("layers/sha256");
        Path container = store.containers().dir(Planner.DRY_RUN_ID);
        assertEquals("lowerdir=" + layers.resolve(TOP.hex()).resolve("diff") + ":" + layers.resolve(BASE.hex())
                        .resolve("diff") + ",upperdir=" + container.resolve("upper") + ",workdir="
                        + container.resolve("work"),
                spec.annotations().get(Annotations.OVERLAY));
        assertEquals(container.resolve("rootfs").toString(), spec.root().path());
    }

    @Test
    void theProcessComesFromTheImageConfig() throws Exception {
        RuntimeSpec spec = dryRun(RunFlags.run()).spec();
        assertEquals(List.of("/entrypoint.sh", "serve"), spec.process().args());
        assertEquals("/app", spec.process().cwd());
        assertEquals("app", spec.annotations().get(Annotations.USER));
        assertTrue(spec.process().env().containsAll(List.of("APP=1", "HOSTNAME=000000000000",
                "PATH=" + ProcessPlan.DEFAULT_PATH)), spec.process().env().toString());
        assertEquals("000000000000", spec.hostname());
    }

    @Test
    void flagsShapeThePlan() throws Exception {
        RuntimeSpec spec = dryRun(RunFlags.run().hostname("box").user("1000:1000").entrypoint("/bin/sh")
                .command("-c", "id").network("host").readOnly()).spec();
        assertEquals(List.of("/bin/sh", "-c", "id"), spec.process().args());
        assertEquals("box", spec.hostname());
        assertTrue(spec.process().env().contains("HOSTNAME=box"), spec.process().env().toString());
        assertEquals(new RuntimeSpec.User(1000, 1000, List.of()), spec.process().user());
        assertTrue(spec.root().readonly());
        assertFalse(spec.linux().namespaces().stream().anyMatch(n -> n.type().equals("network")));
    }

    @Test
    void aHostnameVariableSetsTheVariableNotTheHostname() throws Exception {
        ContainerPlan plan = dryRun(RunFlags.run().env("HOSTNAME=elsewhere"));
        assertTrue(plan.spec().process().env().contains("HOSTNAME=elsewhere"), plan.spec().process().env().toString());
        assertEquals("000000000000", plan.spec().hostname());
        assertEquals("000000000000\n", plan.hostname());
    }

    @Test
    void theCgroupToJoinIsUnderTheRoot() throws Exception {
        RuntimeSpec spec = dryRun(RunFlags.run()).spec();
        assertEquals(cgroupRoot.resolve("minidocker").resolve(Planner.DRY_RUN_ID).resolve("cgroup.procs").toString(),
                spec.annotations().get(Annotations.CGROUP_PROCS));
        assertEquals("v2", spec.annotations().get(Annotations.CGROUP_MOUNTS));
    }

    @Test
    void theDryRunShowsTheSeccompRulesAndWhereTheirProgramIsKept() throws Exception {
        RuntimeSpec spec = dryRun(RunFlags.run()).spec();
        assertEquals("SCMP_ACT_ERRNO", spec.linux().seccomp().defaultAction());
        assertTrue(spec.linux().seccomp().syscalls().getFirst().names().contains("read"));
        assertTrue(spec.annotation(Annotations.SECCOMP).matches(
                store.root().resolve("seccomp/sha256") + "/[0-9a-f]{64}\\.bpf"), spec.annotations().toString());
        assertFalse(Files.exists(Path.of(spec.annotation(Annotations.SECCOMP))), "a dry run compiles nothing");
        try (Stream<Path> index = Files.list(store.root().resolve("seccomp/index"))) {
            assertEquals(0, index.count(), "nor indexes anything");
        }
        RuntimeSpec unconfined = dryRun(RunFlags.run().seccomp(SeccompOption.of("unconfined"))).spec();
        assertNull(unconfined.linux().seccomp());
        assertNull(unconfined.annotation(Annotations.SECCOMP));
    }

    @Test
    void theLimitsAreInTheSpecTheRecordAndThePlan() throws Exception {
        Resources limits = Resources.of(64 * MB, 0, Resources.nanoCpus(0.5), 512, 100);
        ContainerPlan plan = dryRun(RunFlags.run().resources(limits));
        dev.minidocker.spec.Resources spec = plan.spec().linux().resources();
        assertEquals(new Memory(64 * MB, null, 128 * MB), spec.memory());
        assertEquals(new Cpu(512L, 50_000L, 100_000L, null), spec.cpu());
        assertEquals(new Pids(100), spec.pids());
        assertEquals(limits, plan.resources());
        // Docker records the swap that applies, twice the memory unless given.
        assertEquals(128 * MB, plan.record().hostConfig().memorySwap());
    }

    @Test
    void theDryRunPrintsTheLimitsAsRuncReadsThem() throws Exception {
        String json = new String(Json.write(dryRun(RunFlags.run()
                .resources(Resources.of(16 * MB, -1, 0, 0, -1))).spec()), StandardCharsets.UTF_8);
        String compact = json.replaceAll("\\s", "");
        // After the device rules, which every container has.
        assertTrue(compact.contains("}],\"memory\":{\"limit\":16777216,\"swap\":-1},\"pids\":{\"limit\":-1}}"),
                json);
    }

    @Test
    void withoutLimitsTheSpecHasOnlyTheDeviceRules() throws Exception {
        dev.minidocker.spec.Resources resources = dryRun(RunFlags.run()).spec().linux().resources();
        assertFalse(resources.devices().isEmpty());
        assertNull(resources.memory());
        assertNull(resources.cpu());
        assertNull(resources.pids());
    }

    @Test
    void aDirectoryIsTheOnlyLower() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        RuntimeSpec spec = planner.dryRun(new Source.Directory(rootfs), RunFlags.run().command("/bin/true").options(),
                cgroupRoot).spec();
        assertTrue(spec.annotations().get(Annotations.OVERLAY).startsWith("lowerdir=" + rootfs + ",upperdir="),
                spec.annotations().get(Annotations.OVERLAY));
        assertEquals(List.of("/bin/true"), spec.process().args());
    }

    @Test
    void aNameIsDrawnWhenNoneOrAnEmptyOneIsGiven() throws Exception {
        assertTrue(dryRun(RunFlags.run()).record().name().matches("[a-z]+_[a-z]+"));
        assertTrue(dryRun(RunFlags.run().name("")).record().name().matches("[a-z]+_[a-z]+"));
        assertEquals("web", dryRun(RunFlags.run().name("web")).record().name());
    }

    @Test
    void aNameDockerRefusesIsRefused() {
        LaunchException e = assertThrows(LaunchException.class, () -> dryRun(RunFlags.run().name("/web")));
        assertEquals("Invalid container name (/web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.getMessage());
    }

    @Test
    void aDryRunCreatesNothing() throws Exception {
        List<Path> before = tree(dir);
        dryRun(RunFlags.run().name("web").resources(Resources.of(64 * MB, 0, 0, 0, 0)));
        assertEquals(List.of(), store.containers().all());
        assertEquals(before, tree(dir));
    }

    @Test
    void aDryRunRefusesWhatARunWould() {
        LaunchException e = assertThrows(LaunchException.class, () -> dryRun(RunFlags.run().volume("/a:/b:rox")));
        assertTrue(e.getMessage().startsWith("invalid volume specification: '/a:/b:rox'"), e.getMessage());
        assertNull(store.containers().dir(Planner.DRY_RUN_ID).toFile().list());
    }

    @Test
    void theImagesVolumesAreAnonymousVolumesWhereTheUserMountsNothing() throws Exception {
        ContainerPlan plan = dryRun(RunFlags.run().volume("data:/var/lib/app:ro", "/srv:/srv"));
        var points = plan.record().hostConfig().mounts();
        assertEquals(List.of("/var/lib/app", "/srv", "/cache"), points.stream().map(p -> p.destination()).toList());
        var named = points.get(0);
        assertEquals(new dev.minidocker.store.container.ContainerRecord.MountPoint("volume", "data",
                store.volumes().data("data").toString(), "/var/lib/app", true), named);
        assertEquals("bind", points.get(1).type());
        String anonymous = points.get(2).name();
        assertTrue(anonymous.matches("[0-9a-f]{64}"), anonymous);
        assertEquals(List.of(new MountPlan.VolumeUse("data", false, true, "/var/lib/app"),
                new MountPlan.VolumeUse(anonymous, true, true, "/cache")), plan.mounts().volumes());
        assertTrue(plan.spec().mounts().contains(new RuntimeSpec.Mount("/cache", "bind",
                store.volumes().data(anonymous).toString(), List.of("rbind"))), plan.spec().mounts().toString());
        assertTrue(plan.spec().mounts().contains(new RuntimeSpec.Mount("/var/lib/app", "bind",
                store.volumes().data("data").toString(), List.of("rbind", "ro"))));
        assertFalse(Files.exists(store.volumes().data("data")), "planning makes no volume");
    }

    @Test
    void aMountPointTakenTwiceIsRefusedAsDockerDoes() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> dryRun(RunFlags.run().volume("a1:/data").mount("type=tmpfs,dst=/data/")));
        assertEquals("Duplicate mount point: /data/", e.getMessage());
    }

    @Test
    void volumesFromAContainerThatIsNotThereAndBadVolumeNamesAreRefused() {
        LaunchException e = assertThrows(LaunchException.class, () -> dryRun(RunFlags.run().volumesFrom("nope:ro")));
        assertEquals("No such container: nope", e.getMessage());
        e = assertThrows(LaunchException.class, () -> dryRun(RunFlags.run().volume("../../etc:/x")));
        assertTrue(e.getMessage().startsWith("create ../../etc: \"../../etc\" includes invalid characters"),
                e.getMessage());
    }

    private static List<Path> tree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.sorted().toList();
        }
    }
}
