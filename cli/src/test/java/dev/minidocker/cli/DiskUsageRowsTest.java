package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.store.Digest;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.volume.VolumeRecord;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.TagEntry;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DiskUsageRowsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final ImageRecord OLD = image("old", "2024-01-01T00:00:00Z");
    private static final ImageRecord NEW = image("new", "2026-05-01T00:00:00Z");
    private static final ContainerRecord WEB = new ContainerRecord("c".repeat(64), "web", "web:1", NEW.id(),
            "2026-05-31T23:00:00Z", new ContainerRecord.Config(null, List.of("sleep", "1000"), null, null, null, null,
                    false, false, null), null, ContainerState.created());
    private static final DiskUsage USAGE = new DiskUsage(
            new DiskUsage.Images(2, 1, 3_464_123_456L, 1_579_000_000L, List.of(
                    new DiskUsage.ImageUsage(OLD, 2_000_000, 1_500_000, 0),
                    new DiskUsage.ImageUsage(NEW, 1_600_000, 1_500_000, 1))),
            new DiskUsage.Containers(1, 0, 71_020, 71_020, List.of(new DiskUsage.ContainerUsage(WEB, false, 71_020))),
            new DiskUsage.Volumes(2, 1, 3_000, 1_000, List.of(
                    new DiskUsage.VolumeUsage(new VolumeRecord("data", "2026-05-31T23:00:00Z", null), 1, 2_000),
                    new DiskUsage.VolumeUsage(new VolumeRecord("old", "2026-05-31T23:00:00Z", null), 0, 1_000))));

    @Test
    void summaryRowsAreDockers() {
        List<String> rows = DiskUsageRows.summary(USAGE).stream().map(JsonNode::toString).toList();
        assertEquals(List.of(
                "{\"Active\":\"1\",\"Reclaimable\":\"1.579GB (45%)\",\"Size\":\"3.464GB\",\"TotalCount\":\"2\",\"Type\":\"Images\"}",
                "{\"Active\":\"0\",\"Reclaimable\":\"71.02kB (100%)\",\"Size\":\"71.02kB\",\"TotalCount\":\"1\",\"Type\":\"Containers\"}",
                "{\"Active\":\"1\",\"Reclaimable\":\"1kB (33%)\",\"Size\":\"3kB\",\"TotalCount\":\"2\",\"Type\":\"Local Volumes\"}",
                "{\"Active\":\"0\",\"Reclaimable\":\"0B\",\"Size\":\"0B\",\"TotalCount\":\"0\",\"Type\":\"Build Cache\"}"),
                rows);
    }

    @Test
    void thePercentageIsRoundedDownAndLeftOutForNothing() {
        assertEquals("666B (66%)", DiskUsageRows.reclaimable(666, 1000));
        assertEquals("0B (0%)", DiskUsageRows.reclaimable(0, 1000));
        assertEquals("0B", DiskUsageRows.reclaimable(0, 0));
    }

    @Test
    void detailsListImagesNewestFirstWithTheirFirstTagAndContainersWithTheirSize() {
        Map<String, TagEntry> tags = new TreeMap<>(Map.of(
                "docker.io/library/web:2", new TagEntry(NEW.manifestDigest(), NEW.id()),
                "docker.io/library/web:1", new TagEntry(NEW.manifestDigest(), NEW.id()),
                "docker.io/library/web@" + NEW.manifestDigest(), new TagEntry(NEW.manifestDigest(), NEW.id()),
                "docker.io/library/old@" + OLD.manifestDigest(), new TagEntry(OLD.manifestDigest(), OLD.id())));
        ObjectNode details = DiskUsageRows.details(USAGE, tags, NOW, true);

        JsonNode newest = details.path("Images").get(0);
        assertEquals(List.of("web", "1", NEW.id().shortHex(), "4 weeks ago", "1.6MB", "1.5MB", "100kB", "1"),
                fields(newest, "Repository", "Tag", "ID", "CreatedSince", "Size", "SharedSize", "UniqueSize", "Containers"));
        JsonNode old = details.path("Images").get(1);
        assertEquals(List.of("<none>", "<none>", "2MB", "500kB", "0"),
                fields(old, "Repository", "Tag", "Size", "UniqueSize", "Containers"), "a digest is no tag");
        JsonNode web = details.path("Containers").get(0);
        assertEquals(List.of(WEB.shortId(), "web:1", "\"sleep 1000\"", "0", "71kB", "About an hour ago", "Created", "web"),
                fields(web, "ID", "Image", "Command", "LocalVolumes", "Size", "RunningFor", "Status", "Names"));
        assertEquals("[{\"Driver\":\"local\",\"Links\":\"1\",\"Name\":\"data\",\"Size\":\"2kB\"},"
                + "{\"Driver\":\"local\",\"Links\":\"0\",\"Name\":\"old\",\"Size\":\"1kB\"}]",
                details.path("Volumes").toString());
        assertEquals("[]", details.path("BuildCache").toString());
        assertEquals(NEW.id().toString(), DiskUsageRows.details(USAGE, tags, NOW, false).path("Images").get(0)
                .path("ID").asText(), "full ids outside tables");
    }

    private static List<String> fields(JsonNode row, String... names) {
        return java.util.Arrays.stream(names).map(n -> row.path(n).asText()).toList();
    }

    private static ImageRecord image(String name, String created) {
        return new ImageRecord(Digest.of(name.getBytes(StandardCharsets.UTF_8)),
                Digest.of((name + " manifest").getBytes(StandardCharsets.UTF_8)), "application/vnd.oci.image.manifest.v1+json",
                Platform.parse("linux/amd64"), created, List.of(), 0);
    }
}
