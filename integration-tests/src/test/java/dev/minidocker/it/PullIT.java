package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pulling as a user sees it: by digest, by platform, twice, the pull stage alone, and its errors. */
class PullIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final PushedImages PUSHED = PushedImages.to(TestRegistry.Mode.PLAIN);
    @RegisterExtension
    final Minidocker minidocker = new Minidocker();

    @Test
    void pullByDigest() throws IOException {
        String reference = PUSHED.registry().address() + "/busybox@" + PUSHED.digest(TestImages.BUSYBOX);

        CommandResult pull = minidocker.run("pull", reference).assertSuccess();

        assertEquals(reference, pull.lastStdoutLine(), pull.toString());
        JsonNode inspect = inspect(reference);
        assertEquals(List.of(reference), texts(inspect.path("RepoDigests")), inspect.toPrettyString());
        Path mounted = minidocker.mount(reference);
        TreeComparison.assertSameTree(PUSHED.images().expectedTree(TestImages.BUSYBOX), mounted);
        minidocker.unmount(reference);
    }

    @Test
    void platformPicksTheArm64ManifestOfAnIndex() throws IOException {
        String reference = PUSHED.reference(TestImages.MULTI);

        minidocker.run("pull", "--platform", "linux/arm64", reference).assertSuccess();

        Path mounted = minidocker.mount(reference);
        assertEquals("arm64\n", Files.readString(mounted.resolve("etc/architecture")));
        TreeComparison.assertSameTree(PUSHED.images().expectedTree(TestImages.MULTI_ARM64), mounted);
        minidocker.unmount(reference);
    }

    @Test
    void secondPullIsUpToDateAndChangesNothing() {
        String reference = PUSHED.reference(TestImages.LAYERS);
        minidocker.run("pull", reference).assertSuccess();
        Path before = minidocker.scratch().resolve("root-before");
        HostCommand.check("cp", "-a", minidocker.root().toString(), before.toString());
        String listed = minidocker.run("images", "--digests").assertSuccess().stdout();

        CommandResult again = minidocker.run("pull", reference).assertSuccess();

        assertTrue(again.stderr().contains("Image is up to date for"), again.toString());
        assertEquals(reference, again.lastStdoutLine(), again.toString());
        TreeComparison.assertSameTree(before, minidocker.root());
        assertEquals(listed, minidocker.run("images", "--digests").assertSuccess().stdout());
    }

    @Test
    void pullerPrintsOnlyTheManifestDigestOnStdout() {
        CommandResult piped = minidocker.pipe("minidocker-puller", List.of(PUSHED.reference(TestImages.HELLO)), "cat")
                .assertSuccess();

        assertEquals(List.of(PUSHED.digest(TestImages.HELLO)), piped.stdoutLines(), piped.toString());
        assertTrue(piped.lastStdoutLine().matches("sha256:[0-9a-f]{64}"), piped.toString());
    }

    @Test
    void badReferenceFailsWithOneLine() {
        CommandResult pull = minidocker.run("pull", "Not a valid reference!").assertExit(1);

        assertEquals(1, pull.stderrLines().size(), "only the error, nothing was pulled\n" + pull);
        assertErrorLine(pull, "");
    }

    @Test
    void unknownTagFailsWithManifestUnknown() {
        CommandResult pull = minidocker.run("pull", PUSHED.registry().address() + "/busybox:no-such-tag")
                .assertExit(1);

        assertErrorLine(pull, "manifest unknown");
    }

    /**
     * The failure as the contract has it: exit status already checked, then one line
     * {@code minidocker: <what failed>: <why>} mentioning {@code detail}, last on stderr, after at
     * most the progress lines printed before the failure, and no stack trace.
     */
    static void assertErrorLine(CommandResult result, String detail) {
        List<String> lines = result.stderrLines();
        assertTrue(!lines.isEmpty() && lines.getLast().matches("minidocker: .+: .+"),
                "last line on stderr: minidocker: <what failed>: <why>\n" + result);
        assertEquals(1, lines.stream().filter(line -> line.startsWith("minidocker:")).count(),
                "one error line\n" + result);
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                "no stack trace\n" + result);
        assertTrue(lines.getLast().toLowerCase(Locale.ROOT).contains(detail), "mentions " + detail + "\n" + result);
    }

    private JsonNode inspect(String image) throws IOException {
        JsonNode all = JSON.readTree(minidocker.run("image", "inspect", image).assertSuccess().stdout());
        assertEquals(1, all.size(), all.toPrettyString());
        return all.get(0);
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }
}
