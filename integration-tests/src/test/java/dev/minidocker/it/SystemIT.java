package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code system df} checked against sizes find(1) measures in the store, and {@code system prune}
 * removing what it should and nothing else. The three run images share both their layers and
 * differ in their config: busybox is used by a created, an exited and a running container, echo
 * and no-path by none (unless a test says otherwise).
 */
class SystemIT extends RunTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOP = "echo ready; while :; do sleep 1; done";

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void dfCountsSharedLayersOnceAndWhatNoUsedImageNeedsAsReclaimable() throws IOException {
        pullAll();
        String created = create(IMAGES.busybox(), "true");
        String exited = create(IMAGES.busybox(), "sh", "-c", "head -c 5000 /dev/zero > /data; ln /data /data2; ln -s /data /link");
        minidocker.run("start", "-a", exited).assertSuccess();
        String running = startLoop(IMAGES.busybox(), "echo up > /marker; ");

        long images = DiskSizes.of(children("blobs/sha256")) + DiskSizes.of(children("layers/sha256"));
        Set<Path> busybox = parts(IMAGES.busybox());
        long imagesReclaimable = images - DiskSizes.of(busybox);
        long stopped = upper(created) + upper(exited);
        long containers = stopped + upper(running);
        assertTrue(upper(exited) >= 5000 + "/data".length(), "the exited container's data: " + upper(exited));
        assertTrue(imagesReclaimable > 0 && imagesReclaimable < 10_000, "the configs and manifests of echo and no-path"
                + " only, not the layers they share with busybox: " + imagesReclaimable);

        List<List<String>> expected = List.of(
                List.of("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"),
                List.of("Images", "3", "1", human(images), percent(imagesReclaimable, images)),
                List.of("Containers", "3", "1", human(containers), percent(stopped, containers)),
                List.of("Local Volumes", "0", "0", "0B", "0B"),
                List.of("Build Cache", "0", "0", "0B", "0B"));
        assertEquals(expected, table(minidocker.run("system", "df").assertSuccess().stdoutLines()));

        List<String> json = minidocker.run("system", "df", "--format", "json").assertSuccess().stdoutLines();
        assertEquals(4, json.size(), json.toString());
        for (int i = 0; i < 4; i++) {
            JsonNode row = JSON.readTree(json.get(i));
            assertEquals(expected.get(i + 1), Stream.of("Type", "TotalCount", "Active", "Size", "Reclaimable")
                    .map(field -> row.path(field).asText()).toList(), row.toString());
        }
        minidocker.run("rm", "-f", running).assertSuccess();
    }

    @Test
    void dfVerboseListsEachImageAndContainer() {
        pullAll();
        String exited = create(IMAGES.busybox(), "sh", "-c", "head -c 3000 /dev/zero > /data");
        minidocker.run("start", "-a", exited).assertSuccess();
        Set<Path> busybox = parts(IMAGES.busybox());
        Set<Path> shared = new HashSet<>(busybox);
        shared.retainAll(parts(IMAGES.echo()));

        List<String> lines = minidocker.run("system", "df", "-v").assertSuccess().stdoutLines();

        List<List<String>> images = table(section(lines, "Images space usage:"));
        assertEquals(List.of("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS"),
                images.getFirst());
        assertEquals(4, images.size(), images.toString());
        List<String> row = images.stream().filter(r -> IMAGES.busybox().startsWith(r.getFirst() + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no busybox row in " + images));
        long size = DiskSizes.of(busybox);
        long sharedSize = DiskSizes.of(shared);
        assertEquals(List.of("latest", DiskSizes.human(size, 3), human(sharedSize), human(size - sharedSize), "1"),
                List.of(row.get(1), row.get(4), row.get(5), row.get(6), row.get(7)), row.toString());
        assertTrue(sharedSize > size / 2, "the layers are shared: " + row);

        List<List<String>> containers = table(section(lines, "Containers space usage:"));
        assertEquals(List.of("CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS", "NAMES"),
                containers.getFirst());
        List<String> container = containers.get(1);
        assertEquals(List.of(exited.substring(0, 12), IMAGES.busybox(), "0", DiskSizes.human(upper(exited), 3)),
                List.of(container.get(0), container.get(1), container.get(3), container.get(4)), container.toString());
        assertTrue(container.get(6).startsWith("Exited (0) "), container.toString());
        assertEquals(List.of(List.of("VOLUME NAME", "LINKS", "SIZE")), table(section(lines, "Local Volumes space usage:")));
        assertTrue(lines.contains("Build cache usage: 0B"), lines.toString());
    }

    @Test
    void pruneRemovesStoppedContainersThenDanglingImagesAndKeepsWhatIsUsed() throws IOException {
        pullAll();
        String echoId = id(IMAGES.echo());
        String noPathId = id(IMAGES.noPath());
        Set<Path> echo = parts(IMAGES.echo());
        echo.removeAll(parts(IMAGES.busybox()));
        Set<Path> noPath = parts(IMAGES.noPath());
        noPath.removeAll(parts(IMAGES.busybox()));
        long noPathOwn = DiskSizes.of(noPath);
        // A created container keeps echo, which rmi -f only untags: dangling once the container goes.
        String created = create(IMAGES.echo());
        assertEquals(List.of("Untagged: " + IMAGES.echo()), minidocker.run("rmi", "-f", IMAGES.echo()).assertSuccess()
                .stdoutLines());
        String exited = create(IMAGES.busybox(), "sh", "-c", "echo bye > /farewell");
        minidocker.run("start", "-a", exited).assertSuccess();
        String running = startLoop(IMAGES.busybox(), "");
        long reclaimed = upper(created) + upper(exited) + DiskSizes.of(echo);

        List<String> pruned = minidocker.run("system", "prune", "-f").assertSuccess().stdoutLines();

        assertEquals(List.of("Deleted Containers:"), pruned.subList(0, 1), pruned.toString());
        assertEquals(Set.of(created, exited), Set.copyOf(pruned.subList(1, 3)), pruned.toString());
        assertEquals(List.of("", "Deleted Images:", "deleted: " + echoId, "",
                "Total reclaimed space: " + human(reclaimed)), pruned.subList(3, pruned.size()), pruned.toString());
        assertEquals(List.of(running.substring(0, 12)), minidocker.run("ps", "-a", "-q").assertSuccess().stdoutLines());
        assertEquals(Set.of(id(IMAGES.busybox()), noPathId), Set.copyOf(
                minidocker.run("images", "-q", "--no-trunc").assertSuccess().stdoutLines()), "tagged images are kept");
        assertTrue(echo.stream().noneMatch(Files::exists), "echo's config and manifest are gone");
        assertEquals(2, StoreFiles.layers(minidocker.root()).size(), "the shared layers stay");

        List<String> all = minidocker.run("system", "prune", "-a", "-f").assertSuccess().stdoutLines();

        assertEquals(List.of("Deleted Images:", "untagged: " + IMAGES.noPath(), "deleted: " + noPathId, "",
                "Total reclaimed space: " + human(noPathOwn)), all);
        assertEquals(List.of(running.substring(0, 12)), minidocker.run("ps", "-q").assertSuccess().stdoutLines(),
                "the running container is untouched");
        assertEquals(List.of(id(IMAGES.busybox())), minidocker.run("images", "-q", "--no-trunc").assertSuccess()
                .stdoutLines(), "the running container's image is kept");

        minidocker.run("rm", "-f", running).assertSuccess();
        long everything = DiskSizes.of(children("blobs/sha256")) + DiskSizes.of(children("layers/sha256"));
        List<String> last = minidocker.run("system", "prune", "-a", "-f").assertSuccess().stdoutLines();
        assertEquals("Total reclaimed space: " + human(everything), last.getLast(), last.toString());
        assertEquals(List.of(), StoreFiles.blobs(minidocker.root()));
        assertEquals(List.of(), StoreFiles.layers(minidocker.root()));
        assertEquals(List.of("Images", "0", "0", "0B", "0B"),
                table(minidocker.run("system", "df").assertSuccess().stdoutLines()).get(1));
    }

    @Test
    void pruneAnsweredNoRemovesNothingAndYesRemoves() {
        pullAll();
        String echoId = id(IMAGES.echo());
        String created = create(IMAGES.echo());
        minidocker.run("rmi", "-f", IMAGES.echo()).assertSuccess();
        List<String> blobs = StoreFiles.blobs(minidocker.root());
        String question = """
                WARNING! This will remove:
                  - all stopped containers
                  - all networks not used by at least one container
                  - all dangling images
                  - unused build cache

                Are you sure you want to continue? [y/N]\s""";

        for (String answer : List.of("n\n", "\n", "yes\n", "")) {
            CommandResult declined = minidocker.runWithInput(answer, "system", "prune").assertSuccess();
            assertEquals(question, declined.stdout(), declined.toString());
            assertEquals("", declined.stderr(), declined.toString());
        }
        assertEquals(List.of(created), minidocker.run("ps", "-a", "-q", "--no-trunc").assertSuccess().stdoutLines());
        assertEquals(blobs, StoreFiles.blobs(minidocker.root()), "no image removed");

        CommandResult agreed = minidocker.runWithInput("y\n", "system", "prune").assertSuccess();

        assertTrue(agreed.stdout().startsWith(question + "Deleted Containers:\n" + created + "\n\nDeleted Images:\n"
                + "deleted: " + echoId + "\n"), agreed.toString());
        assertEquals(List.of(), minidocker.run("ps", "-a", "-q").assertSuccess().stdoutLines());
    }

    private void pullAll() {
        for (String image : List.of(IMAGES.busybox(), IMAGES.echo(), IMAGES.noPath())) {
            pull(image);
        }
    }

    /** {@code create IMAGE ARGS...}: the new container's id. */
    private String create(String image, String... command) {
        List<String> arguments = new ArrayList<>(List.of("create", image));
        arguments.addAll(List.of(command));
        return minidocker.run(arguments.toArray(String[]::new)).assertSuccess().lastStdoutLine();
    }

    /** A container of {@code image} that runs {@code first}, then prints "ready" and sleeps until killed. */
    private String startLoop(String image, String first) {
        String id = create(image, "sh", "-c", first + LOOP);
        minidocker.run("start", id).assertSuccess();
        awaitReady(id);
        return id;
    }

    /** The bytes in a container's writable layer, measured by find. */
    private long upper(String container) {
        return DiskSizes.of(minidocker.root().resolve("containers").resolve(container).resolve("upper"));
    }

    /** Every entry of a store directory ({@code blobs/sha256}, {@code layers/sha256}). */
    private List<Path> children(String relative) {
        return StoreFiles.names(minidocker.root(), relative).stream()
                .map(name -> minidocker.root().resolve(relative).resolve(name)).toList();
    }

    /**
     * What an image has in the store, found from its manifest and config as the registry served
     * them: the manifest, config and layer blobs, and the unpacked layer of each diff id.
     */
    private Set<Path> parts(String image) {
        try {
            JsonNode inspect = JSON.readTree(minidocker.run("image", "inspect", image).assertSuccess().stdout()).get(0);
            String manifestDigest = inspect.path("Descriptor").path("digest").asText();
            JsonNode manifest = JSON.readTree(blob(manifestDigest).toFile());
            String configDigest = manifest.path("config").path("digest").asText();
            Set<Path> parts = new HashSet<>(List.of(blob(manifestDigest), blob(configDigest)));
            manifest.path("layers").forEach(layer -> parts.add(blob(layer.path("digest").asText())));
            JSON.readTree(blob(configDigest).toFile()).path("rootfs").path("diff_ids").forEach(diffId -> parts.add(
                    minidocker.root().resolve("layers/sha256").resolve(hex(diffId.asText()))));
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path blob(String digest) {
        return minidocker.root().resolve("blobs/sha256").resolve(hex(digest));
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    /** An image's id, as {@code image inspect} gives it. */
    private String id(String image) {
        try {
            return JSON.readTree(minidocker.run("image", "inspect", image).assertSuccess().stdout()).get(0)
                    .path("Id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** go-units' HumanSize, as df's totals and prune's reclaimed space are written. */
    private static String human(long bytes) {
        return DiskSizes.human(bytes, 4);
    }

    /** "1.2kB (45%)": Docker's reclaimable cell. */
    private static String percent(long reclaimable, long total) {
        return human(reclaimable) + " (" + reclaimable * 100 / total + "%)";
    }

    /** The lines of a {@code -v} section: from after its heading and blank line to the next blank line. */
    private static List<String> section(List<String> lines, String heading) {
        int start = lines.indexOf(heading) + 2;
        int end = start;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** A table's rows, cells split where two or more spaces part them; the header first. */
    private static List<List<String>> table(List<String> lines) {
        return lines.stream().map(line -> Arrays.asList(line.split("\\s{2,}"))).toList();
    }
}
