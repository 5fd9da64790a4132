package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.seccomp.SeccompOption;
import dev.minidocker.launcher.spec.RuntimeSpec;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --dry-run}: the plan of a container from an image, with nothing created. */
class LauncherTest {
    private static final String DRY_RUN_ID = "0".repeat(64);
    private static final Digest BASE = Digest.of("base layer".getBytes(StandardCharsets.UTF_8));
    private static final Digest TOP = Digest.of("top layer".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private TempHost host;
    private Launcher.FromImage image;

    @BeforeEach
    void host() throws Exception {
        host = TempHost.in(dir);
        byte[] config = """
                {"architecture":"amd64","os":"linux",
                 "config":{"Entrypoint":["/entrypoint.sh"],"Cmd":["serve"],"Env":["APP=1"],
                           "WorkingDir":"/app","User":"app"},
                 "rootfs":{"type":"layers","diff_ids":["%s","%s"]}}
                """.formatted(BASE, TOP).getBytes(StandardCharsets.UTF_8);
        Digest id = Digest.of(config);
        host.store().blobs().put(id, config);
        List<ImageRecord.Layer> layers = List.of(new ImageRecord.Layer(BASE, MediaTypes.OCI_LAYER_GZIP, 10, BASE),
                new ImageRecord.Layer(TOP, MediaTypes.OCI_LAYER_GZIP, 10, TOP));
        image = new Launcher.FromImage("example/app", new ImageRecord(id, id, MediaTypes.OCI_MANIFEST,
                Platform.parse("linux/amd64"), "2026-01-01T00:00:00Z", layers, 20));
    }

    @Test
    void theOverlayStacksTheImagesLayersTopmostFirst() throws Exception {
        RuntimeSpec spec = host.launcher().dryRun(image, RunFlags.defaults());
        Path layers = host.store().root().resolve("layers/sha256");
        Path container = host.store().containers().dir(DRY_RUN_ID);
        assertEquals("lowerdir=" + layers.resolve(TOP.hex()).resolve("diff") + ":" + layers.resolve(BASE.hex())
                        .resolve("diff") + ",upperdir=" + container.resolve("upper") + ",workdir="
                        + container.resolve("work"),
                spec.annotations().get(SpecBuilder.OVERLAY));
        assertEquals(container.resolve("rootfs").toString(), spec.root().path());
    }

    @Test
    void theDryRunShowsTheSeccompRulesAndWhereTheirProgramIsKept() throws Exception {
        RuntimeSpec spec = host.launcher().dryRun(image, RunFlags.defaults());
        assertEquals("SCMP_ACT_ERRNO", spec.linux().seccomp().defaultAction());
        assertTrue(spec.linux().seccomp().syscalls().getFirst().names().contains("read"));
        assertTrue(spec.annotations().get(SpecBuilder.SECCOMP).matches(
                host.store().root().resolve("seccomp/sha256") + "/[0-9a-f]{64}\\.bpf"), spec.annotations().toString());
        RuntimeSpec unconfined = host.launcher().dryRun(image,
                RunFlags.run().seccomp(SeccompOption.of("unconfined")).options());
        assertNull(unconfined.linux().seccomp());
        assertNull(unconfined.annotations().get(SpecBuilder.SECCOMP));
    }

    @Test
    void theProcessComesFromTheImageConfig() throws Exception {
        RuntimeSpec spec = host.launcher().dryRun(image, RunFlags.defaults());
        assertEquals(List.of("/entrypoint.sh", "serve"), spec.process().args());
        assertEquals("/app", spec.process().cwd());
        assertEquals("app", spec.annotations().get(SpecBuilder.USER));
        assertTrue(spec.process().env().containsAll(List.of("APP=1", "HOSTNAME=000000000000",
                "PATH=" + ProcessPlan.DEFAULT_PATH)), spec.process().env().toString());
        assertEquals("000000000000", spec.hostname());
    }

    @Test
    void flagsShapeThePlan() throws Exception {
        RuntimeSpec spec = host.launcher().dryRun(image, RunFlags.run().hostname("box").user("1000:1000")
                .entrypoint("/bin/sh").command("-c", "id").network("host").readOnly().options());
        assertEquals(List.of("/bin/sh", "-c", "id"), spec.process().args());
        assertEquals("box", spec.hostname());
        assertTrue(spec.process().env().contains("HOSTNAME=box"), spec.process().env().toString());
        assertEquals(new RuntimeSpec.User(1000, 1000, List.of()), spec.process().user());
        assertTrue(spec.root().readonly());
        assertFalse(spec.linux().namespaces().stream().anyMatch(n -> n.type().equals("network")));
    }

    @Test
    void theCgroupToJoinIsUnderTheRoot() throws Exception {
        RuntimeSpec spec = host.launcher().dryRun(image, RunFlags.defaults());
        assertEquals(host.cgroupRoot().resolve("minidocker").resolve(DRY_RUN_ID).resolve("cgroup.procs").toString(),
                spec.annotations().get(SpecBuilder.CGROUP_PROCS));
        assertEquals("v2", spec.annotations().get(SpecBuilder.CGROUP_MOUNTS));
    }

    @Test
    void aDirectoryIsTheOnlyLower() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        RuntimeSpec spec = host.launcher().dryRun(new Launcher.FromDirectory(rootfs),
                RunFlags.run().command("/bin/true").options());
        assertTrue(spec.annotations().get(SpecBuilder.OVERLAY).startsWith("lowerdir=" + rootfs + ",upperdir="),
                spec.annotations().get(SpecBuilder.OVERLAY));
        assertEquals(List.of("/bin/true"), spec.process().args());
    }

    @Test
    void aDryRunCreatesNothing() throws Exception {
        long cgroupEntries = host.cgroupEntries();
        host.launcher().dryRun(image, RunFlags.run().name("web").options());
        assertEquals(List.of(), host.store().containers().all());
        assertFalse(Files.exists(host.store().containers().dir(DRY_RUN_ID)));
        assertEquals(cgroupEntries, host.cgroupEntries());
    }

    @Test
    void aDryRunRefusesWhatARunWould() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> host.launcher().dryRun(image, RunFlags.run().volume("data:/data").options()));
        assertTrue(e.getMessage().startsWith("invalid volume specification: 'data:/data'"), e.getMessage());
    }
}
