package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.volume.VolumeRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code volume ls --filter} as Docker's: values of one key are alternatives, keys must all match. */
class VolumeLsCommandTest {
    private static final VolumeRecord DATA = new VolumeRecord("app-data", "2026-01-01T00:00:00Z",
            Map.of("tier", "fast", "team", ""));

    @Test
    void filtersMatchAsDockersDo() {
        assertTrue(VolumeLsCommand.matches(DATA, 0, Map.of("name", List.of("nope", "data"))));
        assertTrue(VolumeLsCommand.matches(DATA, 0, Map.of("label", List.of("team"), "dangling", List.of("true"))));
        assertTrue(VolumeLsCommand.matches(DATA, 1, Map.of("label", List.of("tier=fast"), "driver", List.of("local"))));
        assertFalse(VolumeLsCommand.matches(DATA, 1, Map.of("dangling", List.of("1"))), "used by a container");
        assertFalse(VolumeLsCommand.matches(DATA, 0, Map.of("label", List.of("tier=slow"))));
        assertFalse(VolumeLsCommand.matches(DATA, 0, Map.of("name", List.of("data"), "driver", List.of("nfs"))));
    }

    @Test
    void pruneFiltersKeepOrTakeByLabel() throws Exception {
        assertTrue(VolumePruneCommand.labelFilter("label=tier=fast").test(DATA));
        assertFalse(VolumePruneCommand.labelFilter("label!=team").test(DATA));
        assertTrue(VolumePruneCommand.labelFilter("label!=keep").test(DATA));
        assertEquals("invalid filter 'until=1h'", org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> VolumePruneCommand.labelFilter("until=1h")).getMessage());
    }

    @Test
    void aRowHasDockersLabelsAndLinksAndInspectItsLabelsAsAnObject() {
        var row = VolumeJson.row(DATA, Path.of("/store/volumes/app-data/_data"), 2);
        assertEquals("team=,tier=fast", row.get("Labels").asText());
        assertEquals("2", row.get("Links").asText());
        assertEquals("/store/volumes/app-data/_data", row.get("Mountpoint").asText());
        var inspected = VolumeJson.of(DATA, Path.of("/v"));
        assertEquals("{\"team\":\"\",\"tier\":\"fast\"}", inspected.get("Labels").toString());
        assertTrue(VolumeJson.of(new VolumeRecord("x1", "t", null), Path.of("/v")).get("Labels").isNull());
    }
}
