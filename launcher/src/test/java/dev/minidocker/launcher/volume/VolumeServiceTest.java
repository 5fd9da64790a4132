package dev.minidocker.launcher.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.plan.ContainerPlan;
import dev.minidocker.launcher.plan.MountPlan;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.Store;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerRecord.MountPoint;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.volume.VolumeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeServiceTest {
    private static final String ANONYMOUS = "a".repeat(64);
    @TempDir
    Path dir;
    private Store store;
    private VolumeService volumes;

    @BeforeEach
    void open() throws Exception {
        store = Store.open(dir.resolve("store"), notice -> { });
        volumes = new VolumeService(store, Syscalls.system());
    }

    private ContainerRecord container(String id, String... volumeNames) throws Exception {
        List<MountPoint> mounts = java.util.Arrays.stream(volumeNames)
                .map(n -> new MountPoint("volume", n, store.volumes().data(n).toString(), "/" + n, false)).toList();
        var hostConfig = new ContainerRecord.HostConfig(0, 0, 0, 0, 0, List.of(), List.of(), false, false, "none",
                List.of(), null, "", null, mounts, null, null);
        var record = new ContainerRecord(id, "c" + id.charAt(0), "busybox", null, "2026-01-01T00:00:00Z",
                new ContainerRecord.Config(null, List.of("sh"), List.of(), "/", "0", "h", false, false, null),
                hostConfig, ContainerState.created());
        store.containers().create(record);
        return record;
    }

    @Test
    void aVolumeAContainerUsesIsRefusedInDockersWordsAndAMissingOneOnlyWithoutForce() throws Exception {
        volumes.create("data", Map.of());
        String id = "1".repeat(64);
        container(id, "data");
        LaunchException e = assertThrows(LaunchException.class, () -> volumes.remove("data", true));
        assertEquals("remove data: volume is in use - [" + id + "]", e.getMessage());
        assertEquals("get gone: no such volume",
                assertThrows(LaunchException.class, () -> volumes.remove("gone", false)).getMessage());
        volumes.remove("gone", true);
        store.containers().delete(id);
        volumes.remove("data", false);
        assertEquals(List.of(), volumes.list());
    }

    @Test
    void pruneTakesUnusedAnonymousVolumesAndWithAllEveryUnusedOne() throws Exception {
        volumes.create("named", Map.of());
        volumes.create(ANONYMOUS, Map.of(VolumeRecord.ANONYMOUS, ""));
        volumes.create("b".repeat(64), Map.of(VolumeRecord.ANONYMOUS, ""));
        container("2".repeat(64), "b".repeat(64));
        Files.writeString(volumes.data(ANONYMOUS).resolve("f"), "12345");
        assertEquals(List.of(), volumes.prune(true, v -> false).names(), "what the filters refuse stays");
        VolumeService.Pruned pruned = volumes.prune(false, v -> true);
        assertEquals(List.of(ANONYMOUS), pruned.names());
        assertEquals(5, pruned.bytes());
        assertEquals(List.of("named"), volumes.prune(true, v -> true).names());
        assertEquals(List.of("b".repeat(64)), volumes.list().stream().map(VolumeRecord::name).toList());
    }

    @Test
    void rmVTakesTheAnonymousVolumesNoOtherContainerUsesAndNoNamedOne() throws Exception {
        volumes.create("named", Map.of());
        volumes.create(ANONYMOUS, Map.of(VolumeRecord.ANONYMOUS, ""));
        volumes.create("b".repeat(64), Map.of(VolumeRecord.ANONYMOUS, ""));
        ContainerRecord removed = container("3".repeat(64), "named", ANONYMOUS, "b".repeat(64));
        container("4".repeat(64), "b".repeat(64));
        store.containers().delete(removed.id());
        volumes.removeAnonymous(removed);
        assertEquals(List.of("b".repeat(64), "named"), volumes.list().stream().map(VolumeRecord::name).toList());
    }

    @Test
    void aContainersVolumesAreMadeAndSeededOnceFromTheImageAndDiscardedWhenItsCreationFails() throws Exception {
        Path layer = Files.createDirectories(dir.resolve("layer/data"));
        Files.writeString(layer.resolve("seed"), "from the image");
        MountPlan mounts = new MountPlan(List.of(), List.of(), List.of(new MountPlan.VolumeUse("vol", false, true,
                "/data"), new MountPlan.VolumeUse(ANONYMOUS, true, false, "/data")));
        ContainerRecord created = container("5".repeat(64), "vol", ANONYMOUS);
        ContainerPlan plan = new ContainerPlan(created, null, null, null, null, mounts, List.of(dir.resolve("layer")));
        List<String> made = volumes.prepare(plan, null);
        assertEquals(List.of("vol", ANONYMOUS), made);
        assertEquals("from the image", Files.readString(volumes.data("vol").resolve("seed")));
        assertEquals(List.of(), Files.list(volumes.data(ANONYMOUS)).toList(), "nocopy");
        assertTrue(volumes.find(ANONYMOUS).anonymous());

        Files.delete(volumes.data("vol").resolve("seed"));
        Files.writeString(volumes.data("vol").resolve("mine"), "kept");
        assertEquals(List.of(), volumes.prepare(plan, null), "both exist");
        assertEquals(List.of("mine"), Files.list(volumes.data("vol")).map(p -> p.getFileName().toString()).toList());

        Files.delete(volumes.data("vol").resolve("mine"));
        container("6".repeat(64), "vol");
        volumes.prepare(plan, null);
        assertEquals(List.of(), Files.list(volumes.data("vol")).toList(),
                "an empty volume another container uses is not seeded: its root could race the copy");

        volumes.discard(made);
        assertEquals(List.of(), volumes.list());
    }
}
