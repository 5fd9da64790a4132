package dev.minidocker.store.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeStoreTest {
    @TempDir
    Path dir;
    private Store store;
    private VolumeStore volumes;

    @BeforeEach
    void open() throws StoreException {
        store = Store.open(dir.resolve("store"), notice -> { });
        volumes = store.volumes();
    }

    @Test
    void aCreatedVolumeReadsBackWithItsLabelsAndAnEmptyDataDirectory() throws Exception {
        VolumeStore.Created made = volumes.create("data", Map.of("a", "b"));
        assertTrue(made.made());
        assertEquals(Optional.of(made.volume()), volumes.get("data"));
        assertEquals(Map.of("a", "b"), volumes.get("data").orElseThrow().labels());
        Path data = volumes.data("data");
        assertEquals(dir.resolve("store/volumes/data/_data"), data);
        assertEquals(0755, mode(data));
        assertEquals(0711, mode(data.getParent()));
        try (var entries = Files.list(data)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void creatingAnExistingVolumeReturnsItUnchanged() throws Exception {
        VolumeRecord first = volumes.create("data", Map.of("a", "b")).volume();
        VolumeStore.Created again = volumes.create("data", Map.of());
        assertFalse(again.made());
        assertEquals(first, again.volume());
    }

    @Test
    void namesWithSlashesDotsOrOneCharacterAreRefusedWithDockersWords() {
        for (String bad : List.of("a/b", "..", "../x", "x/../../etc", ".hidden", "-x", "a b", "")) {
            StoreException e = assertThrows(StoreException.class, () -> volumes.create(bad, Map.of()), bad);
            assertTrue(e.getMessage().contains("includes invalid characters for a local volume name"), e.getMessage());
        }
        StoreException shortName = assertThrows(StoreException.class, () -> volumes.create("a", Map.of()));
        assertEquals("create a: volume name is too short, names should be at least two alphanumeric characters",
                shortName.getMessage());
        assertFalse(Files.exists(dir.resolve("store/volumes/a")));
        assertFalse(Files.exists(dir.resolve("store/x")));
    }

    @Test
    void aNameThatIsNoVolumeNameFindsNothingRatherThanAPathOutside() throws Exception {
        Files.createDirectories(dir.resolve("store/outside"));
        Files.writeString(dir.resolve("store/outside/volume.json"), "{\"name\":\"outside\"}");
        assertEquals(Optional.empty(), volumes.get("../outside"));
    }

    @Test
    void allListsByNameAndDeleteRemovesEverythingLeavingNothingInTmp() throws Exception {
        volumes.create("zz", Map.of());
        volumes.create("aa", Map.of(VolumeRecord.ANONYMOUS, ""));
        Files.writeString(volumes.data("zz").resolve("file"), "x");
        assertEquals(List.of("aa", "zz"), volumes.all().stream().map(VolumeRecord::name).toList());
        assertTrue(volumes.get("aa").orElseThrow().anonymous());
        volumes.delete("zz");
        volumes.delete("zz");
        assertEquals(List.of("aa"), volumes.all().stream().map(VolumeRecord::name).toList());
        try (var tmp = Files.list(dir.resolve("store/tmp"))) {
            assertEquals(List.of("ingest"), tmp.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void drawnNamesAreDockersSixtyFourHexDigits() throws Exception {
        String name = VolumeStore.drawName();
        assertTrue(name.matches("[0-9a-f]{64}"), name);
        VolumeStore.checkName(name);
    }

    private static int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode") & 07777;
    }
}
