package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code minidocker pull} stores is the image: mounted with {@code image mount}, every test
 * image's root filesystem is identical to what {@code umoci unpack} makes of the image pushed, in
 * every media type and compression, and {@code image unmount} leaves no mount behind.
 */
class PullFidelityIT {
    @RegisterExtension
    static final PushedImages PUSHED = PushedImages.to(TestRegistry.Mode.PLAIN);
    @RegisterExtension
    final Minidocker minidocker = new Minidocker();

    static List<TestImage> images() {
        return TestImages.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void mountedImageIsWhatUmociUnpacks(TestImage image) {
        String reference = PUSHED.reference(image);

        CommandResult pull = minidocker.run("pull", reference).assertSuccess();
        assertEquals(reference, pull.lastStdoutLine(), "normalised reference, last on stdout\n" + pull);

        Path mounted = minidocker.mount(reference);
        assertTrue(Mounts.under(mounted).contains(mounted), mounted + " is not a mount point");
        assertThrows(FileSystemException.class, () -> Files.createFile(mounted.resolve("written")),
                "the image mount must be read-only");
        TreeComparison.assertSameTree(PUSHED.images().expectedTree(image), mounted);

        minidocker.unmount(reference);
        assertEquals(List.of(), Mounts.under(minidocker.root()), "mounts left under the root");
        assertEquals(List.of(), Mounts.under(mounted), "mounts left at " + mounted);
    }
}
