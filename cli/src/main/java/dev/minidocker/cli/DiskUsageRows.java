package dev.minidocker.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.Digest;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.TagEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code system df} as the objects Docker's formatter gives its templates, with Docker's field
 * names (keys sorted, as Go's JSON writes them): four summary rows, or with {@code -v} one object
 * of every image and container. Sizes in go-units' forms: three significant digits for an image's
 * or a container's own size, four for totals, shared and unique sizes.
 */
final class DiskUsageRows {
    private DiskUsageRows() {
    }

    /** Images, Containers, Local Volumes and Build Cache; minidocker has no build cache. */
    static List<ObjectNode> summary(DiskUsage usage) {
        DiskUsage.Images images = usage.images();
        DiskUsage.Containers containers = usage.containers();
        DiskUsage.Volumes volumes = usage.volumes();
        return List.of(
                summary("Images", images.total(), images.active(), images.size(),
                        reclaimable(images.reclaimable(), images.size())),
                summary("Containers", containers.total(), containers.active(), containers.size(),
                        reclaimable(containers.reclaimable(), containers.size())),
                summary("Local Volumes", volumes.total(), volumes.active(), volumes.size(),
                        reclaimable(volumes.reclaimable(), volumes.size())),
                // Docker shows no percentage for the build cache, whatever its size.
                summary("Build Cache", 0, 0, 0, HumanSize.format(0, 4)));
    }

    private static ObjectNode summary(String type, int total, int active, long size, String reclaimable) {
        ObjectNode row = DockerJson.object();
        row.put("Active", String.valueOf(active));
        row.put("Reclaimable", reclaimable);
        row.put("Size", HumanSize.format(size, 4));
        row.put("TotalCount", String.valueOf(total));
        row.put("Type", type);
        return row;
    }

    /** "1.579GB (45%)": the percentage, rounded down, only when there is a size to take it of. */
    static String reclaimable(long reclaimable, long size) {
        String shown = HumanSize.format(reclaimable, 4);
        return size > 0 ? shown + " (" + reclaimable * 100 / size + "%)" : shown;
    }

    /**
     * {@code -v}: {"Images":[...],"Containers":[...],"Volumes":[],"BuildCache":[]}, images and
     * containers newest first. An image shows its first tag (by name), as Docker's does.
     * {@code trunc} shortens ids and commands, as Docker does for its tables.
     */
    static ObjectNode details(DiskUsage usage, Map<String, TagEntry> tags, Instant now, boolean trunc) {
        Map<Digest, ImageReference> firstTags = new HashMap<>();
        tags.forEach((name, entry) -> {
            ImageReference ref = ImageReference.parse(name);
            if (ref.tag() != null) {
                firstTags.putIfAbsent(entry.image(), ref);
            }
        });
        ObjectNode details = DockerJson.object();
        ArrayNode images = details.putArray("Images");
        usage.images().items().stream()
                .sorted(Comparator.comparing((DiskUsage.ImageUsage i) -> ImageRows.created(i.image()),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .forEach(i -> images.add(image(i, firstTags.get(i.image().id()), now, trunc)));
        ArrayNode containers = details.putArray("Containers");
        usage.containers().items().stream()
                .sorted(Comparator.comparing((DiskUsage.ContainerUsage c) -> c.container().created()).reversed())
                .forEach(c -> containers.add(ContainerSummary.of(c.container(), now, trunc)
                        .put("Size", HumanSize.format(c.size()))));
        ArrayNode volumes = details.putArray("Volumes");
        for (DiskUsage.VolumeUsage v : usage.volumes().items()) {
            ObjectNode row = volumes.addObject();
            row.put("Driver", "local");
            row.put("Links", String.valueOf(v.links()));
            row.put("Name", v.volume().name());
            row.put("Size", HumanSize.format(v.size(), 4));
        }
        details.putArray("BuildCache");
        return details;
    }

    private static ObjectNode image(DiskUsage.ImageUsage usage, ImageReference tag, Instant now, boolean trunc) {
        Instant created = ImageRows.created(usage.image());
        ObjectNode row = DockerJson.object();
        row.put("Containers", String.valueOf(usage.containers()));
        row.put("CreatedAt", created == null ? "" : created.toString());
        row.put("CreatedSince", HumanDuration.ago(created, now));
        row.put("Digest", "");
        row.put("ID", trunc ? usage.image().id().shortHex() : usage.image().id().toString());
        row.put("Repository", tag == null ? "<none>" : tag.familiarName());
        row.put("SharedSize", HumanSize.format(usage.sharedSize(), 4));
        row.put("Size", HumanSize.format(usage.size()));
        row.put("Tag", tag == null ? "<none>" : tag.tag());
        row.put("UniqueSize", HumanSize.format(usage.uniqueSize(), 4));
        row.put("VirtualSize", HumanSize.format(usage.size(), 4));
        return row;
    }
}
