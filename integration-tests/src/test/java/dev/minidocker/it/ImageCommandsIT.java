package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minidocker.it.TestImage.Push;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The image commands as a user sees them: {@code images} in its forms, {@code image inspect},
 * {@code rmi} of tags, ids and mounted images, {@code image prune}, the {@code image ls} and
 * {@code image rm} aliases, and a bad flag.
 */
class ImageCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST_TYPES = String.join(",", OciLayout.MANIFEST,
            "application/vnd.docker.distribution.manifest.v2+json");
    /** {@link TestImages#HELLO} pushed again under a second tag: two references to one image. */
    private static final TestImage HELLO_SECOND = new TestImage("hello", "second", "hello", Push.OCI, "hello");

    @RegisterExtension
    static final PushedImages PUSHED = PushedImages.to(TestRegistry.Mode.PLAIN);
    @RegisterExtension
    final Minidocker minidocker = new Minidocker();

    @BeforeAll
    static void pushASecondTag() {
        PUSHED.images().push(HELLO_SECOND, PUSHED.registry());
    }

    @AfterEach
    void noCommandLeftRunning() {
        assertEquals(List.of(), StartedMinidocker.running(), "minidocker processes left running");
    }

    @Test
    void imagesListsTheImageInDockersForms() throws IOException {
        pull(TestImages.HELLO);
        String id = configDigest(TestImages.HELLO);
        String shortId = id.substring("sha256:".length(), "sha256:".length() + 12);
        String repository = PUSHED.registry().address() + "/hello";

        List<List<String>> table = table(minidocker.run("images").assertSuccess());
        assertEquals(List.of("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"), table.get(0));
        assertEquals(2, table.size(), "a header and one image: " + table);
        List<String> row = table.get(1);
        assertEquals(List.of(repository, "latest", shortId), row.subList(0, 3), row.toString());
        assertTrue(row.get(3).endsWith(" ago"), "CREATED: " + row);
        assertTrue(row.get(4).matches("[0-9.]+[kMG]?B"), "SIZE: " + row);

        assertEquals(List.of(shortId), minidocker.run("images", "-q").assertSuccess().stdoutLines());
        assertEquals(List.of(id), minidocker.run("images", "-q", "--no-trunc").assertSuccess().stdoutLines());

        List<List<String>> digests = table(minidocker.run("images", "--digests").assertSuccess());
        assertEquals(List.of("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"), digests.get(0));
        assertEquals(List.of(repository, "latest", PUSHED.digest(TestImages.HELLO), shortId),
                digests.get(1).subList(0, 4), digests.toString());

        List<String> lines = minidocker.run("images", "--format", "json").assertSuccess().stdoutLines();
        assertEquals(1, lines.size(), lines.toString());
        JsonNode json = JSON.readTree(lines.getFirst());
        assertEquals(List.of(repository, "latest", shortId),
                List.of(json.path("Repository").asText(), json.path("Tag").asText(), json.path("ID").asText()),
                json.toString());
    }

    @Test
    void inspectDescribesTheImage() throws IOException {
        String reference = pull(TestImages.LAYERS);
        JsonNode manifest = manifest(TestImages.LAYERS);
        String configDigest = manifest.path("config").path("digest").asText();
        String config = PUSHED.registry().get("/v2/layers/blobs/" + configDigest).body();

        JsonNode inspect = JSON.readTree(minidocker.run("image", "inspect", reference).assertSuccess().stdout());

        assertEquals(1, inspect.size(), inspect.toPrettyString());
        JsonNode image = inspect.get(0);
        assertEquals("sha256:" + StoreFiles.sha256(config.getBytes(StandardCharsets.UTF_8)),
                image.path("Id").asText(), "Id is the config's digest");
        assertEquals(configDigest, image.path("Id").asText());
        assertEquals(List.of(reference), texts(image.path("RepoTags")));
        assertEquals(List.of(PUSHED.registry().address() + "/layers@" + PUSHED.digest(TestImages.LAYERS)),
                texts(image.path("RepoDigests")));
        assertEquals(manifest.path("layers").size(), image.path("RootFS").path("Layers").size(), "one per layer");
        assertEquals(texts(JSON.readTree(config).path("rootfs").path("diff_ids")),
                texts(image.path("RootFS").path("Layers")));
        assertEquals(JSON.readTree(config).path("config"), image.path("Config"));
        assertTrue(image.path("Size").asLong() > 0, image.toPrettyString());
    }

    @Test
    void rmiUntagsUntilTheLastTagThenDeletesTheImage() throws IOException {
        String latest = pull(TestImages.HELLO);
        String second = pull(HELLO_SECOND);
        List<String> blobs = StoreFiles.blobs(minidocker.root());
        List<String> layers = StoreFiles.layers(minidocker.root());

        CommandResult untag = minidocker.run("rmi", second).assertSuccess();

        assertEquals(List.of("Untagged: " + second), untag.stdoutLines(), untag.toString());
        assertEquals(blobs, StoreFiles.blobs(minidocker.root()), "blobs kept");
        assertEquals(layers, StoreFiles.layers(minidocker.root()), "layers kept");
        List<List<String>> table = table(minidocker.run("images").assertSuccess());
        assertEquals(2, table.size(), table.toString());
        assertEquals(List.of(PUSHED.registry().address() + "/hello", "latest"), table.get(1).subList(0, 2));

        CommandResult delete = minidocker.run("rmi", latest).assertSuccess();

        assertEquals(List.of("Untagged: " + latest, "Deleted: " + configDigest(TestImages.HELLO)),
                delete.stdoutLines(), delete.toString());
        assertStoreHoldsNoImage();
    }

    @Test
    void rmiOfAnIdWithTwoTagsMustBeForced() {
        String latest = pull(TestImages.HELLO);
        String second = pull(HELLO_SECOND);
        String id = configDigest(TestImages.HELLO);
        String shortId = id.substring("sha256:".length(), "sha256:".length() + 12);

        CommandResult refused = minidocker.run("rmi", shortId).assertExit(1);

        assertOneErrorLine(refused, "must be forced");
        assertEquals(3, minidocker.run("images").assertSuccess().stdoutLines().size(), "both tags kept");

        CommandResult forced = minidocker.run("rmi", "-f", shortId).assertSuccess();

        assertEquals(List.of("Untagged: " + second, "Untagged: " + latest, "Deleted: " + id).stream().sorted().toList(),
                forced.stdoutLines().stream().sorted().toList(), forced.toString());
        assertEquals("Deleted: " + id, forced.lastStdoutLine(), forced.toString());
        assertStoreHoldsNoImage();
    }

    @Test
    void rmiOfAMountedImageMustBeForcedAndUnmountsIt() {
        String reference = pull(TestImages.HELLO);
        // Not Minidocker.mount: that would unmount the image after the test, when it is gone.
        Path mounted = Path.of(minidocker.run("image", "mount", reference).assertSuccess().lastStdoutLine());
        assertEquals(List.of(mounted), Mounts.under(minidocker.root()));

        CommandResult refused = minidocker.run("rmi", reference).assertExit(1);

        assertOneErrorLine(refused, "mounted");
        assertEquals(List.of(mounted), Mounts.under(minidocker.root()), "still mounted");

        CommandResult forced = minidocker.run("rmi", "-f", reference).assertSuccess();

        assertEquals(List.of("Untagged: " + reference, "Deleted: " + configDigest(TestImages.HELLO)),
                forced.stdoutLines(), forced.toString());
        assertEquals(List.of(), Mounts.under(minidocker.root()), "mounts left in /proc/self/mountinfo");
        assertStoreHoldsNoImage();
    }

    @Test
    void rmiOfAnUnknownImageFails() {
        CommandResult result = minidocker.run("rmi", "nope").assertExit(1);

        assertOneErrorLine(result, "No such image: nope");
        assertEquals("", result.stdout(), result.toString());
    }

    @Test
    void pruneRemovesTheImageATagNoLongerNames() {
        TestImage before = new TestImage("moving", "latest", "hello", Push.OCI, "hello");
        TestImage after = new TestImage("moving", "latest", "busybox", Push.DOCKER, "busybox");
        PUSHED.images().push(before, PUSHED.registry());
        pull(before);
        String afterDigest = PUSHED.images().push(after, PUSHED.registry());
        pull(after);

        CommandResult prune = minidocker.run("image", "prune").assertSuccess();

        assertTrue(prune.stdoutLines().contains("deleted: " + configDigest(TestImages.HELLO)), prune.toString());
        assertTrue(prune.lastStdoutLine().matches("Total reclaimed space: [0-9.]+[kMG]?B"), prune.toString());
        assertFalse(prune.lastStdoutLine().endsWith(" 0B"), "nothing reclaimed\n" + prune);
        JsonNode manifest = manifest(after);
        List<String> live = Stream.concat(Stream.of(afterDigest, manifest.path("config").path("digest").asText()),
                manifest.path("layers").findValuesAsText("digest").stream()).toList();
        assertEquals(StoreFiles.blobNames(live), StoreFiles.blobs(minidocker.root()), "only the tagged image's blobs");
        assertEquals(1, StoreFiles.layers(minidocker.root()).size(), StoreFiles.layers(minidocker.root()).toString());
        StoreFiles.assertIntact(minidocker.root());
    }

    @Test
    void pullByDigestListsNoTag() {
        String digest = PUSHED.digest(TestImages.BUSYBOX);
        String reference = PUSHED.registry().address() + "/busybox@" + digest;
        minidocker.run("pull", reference).assertSuccess();

        List<List<String>> table = table(minidocker.run("images", "--digests").assertSuccess());

        assertEquals(2, table.size(), table.toString());
        assertEquals(List.of(PUSHED.registry().address() + "/busybox", "<none>", digest), table.get(1).subList(0, 3));
    }

    @Test
    void imageLsAndImageRmAreImagesAndRmi() {
        String reference = pull(TestImages.HELLO);

        CommandResult ls = minidocker.run("image", "ls").assertSuccess();
        CommandResult images = minidocker.run("images").assertSuccess();
        CommandResult rm = minidocker.run("image", "rm", reference).assertSuccess();

        assertEquals(images.stdout(), ls.stdout());
        assertEquals(List.of("Untagged: " + reference, "Deleted: " + configDigest(TestImages.HELLO)), rm.stdoutLines(),
                rm.toString());
        assertStoreHoldsNoImage();
    }

    @Test
    void badFlagExits125() {
        CommandResult images = minidocker.run("images", "--no-such-flag").assertExit(125);
        CommandResult rmi = minidocker.run("rmi", "--no-such-flag", "nope").assertExit(125);

        for (CommandResult result : List.of(images, rmi)) {
            assertEquals("unknown flag: --no-such-flag", result.stderrLines().getFirst(), result.toString());
            assertEquals("", result.stdout(), result.toString());
        }
    }

    private String pull(TestImage image) {
        String reference = PUSHED.reference(image);
        CommandResult pull = minidocker.run("pull", "-q", reference).assertSuccess();
        assertEquals(reference, pull.lastStdoutLine(), pull.toString());
        return reference;
    }

    /** Nothing left under the root but lock files and a {@code repositories.json} that names nothing. */
    private void assertStoreHoldsNoImage() {
        Path root = minidocker.root();
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).map(root::relativize).map(Path::toString)
                    .filter(file -> !file.startsWith("locks/") && !file.equals("repositories.json"))
                    .forEach(files::add);
            if (Files.exists(root.resolve("repositories.json"))) {
                assertEquals(0, JSON.readTree(root.resolve("repositories.json").toFile()).size(), "references left");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), files, "files left in the store");
        assertEquals(List.of(), StoreFiles.layers(root), "layer directories left");
        assertEquals(List.of(), StoreFiles.names(root, "mounts"), "mount directories left");
    }

    /** The config digest of an image's manifest in the registry: the id minidocker gives the image. */
    private static String configDigest(TestImage image) {
        return manifest(image).path("config").path("digest").asText();
    }

    private static JsonNode manifest(TestImage image) {
        var response = PUSHED.registry().get("/v2/" + image.repository() + "/manifests/" + image.tag(),
                "Accept", MANIFEST_TYPES);
        assertEquals(200, response.statusCode(), response.body());
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table's rows, cells split where two or more spaces part them; the header first. */
    private static List<List<String>> table(CommandResult result) {
        return result.stdoutLines().stream().map(line -> Arrays.asList(line.split("\\s{2,}"))).toList();
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }

    /** Exactly one line on stderr, {@code minidocker: ...}, that says {@code detail}. */
    private static void assertOneErrorLine(CommandResult result, String detail) {
        assertEquals(1, result.stderrLines().size(), "one line on stderr\n" + result);
        assertTrue(result.stderrLines().getFirst().startsWith("minidocker: "), result.toString());
        assertTrue(result.stderr().contains(detail), "mentions " + detail + "\n" + result);
    }
}
