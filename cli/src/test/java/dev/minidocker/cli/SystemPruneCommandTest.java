package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of {@code system prune}: its question and its sections, as Docker's CLI prints them. */
class SystemPruneCommandTest {
    @Test
    void theWarningIsDockers() {
        assertEquals("""
                WARNING! This will remove:
                  - all stopped containers
                  - all networks not used by at least one container
                  - all dangling images
                  - unused build cache

                Are you sure you want to continue?""", SystemPruneCommand.warning(false, false));
        assertEquals("""
                WARNING! This will remove:
                  - all stopped containers
                  - all networks not used by at least one container
                  - all images without at least one container associated to them
                  - all build cache

                Are you sure you want to continue?""", SystemPruneCommand.warning(true, false));
        assertEquals("""
                WARNING! This will remove:
                  - all stopped containers
                  - all networks not used by at least one container
                  - all anonymous volumes not used by at least one container
                  - all dangling images
                  - unused build cache

                Are you sure you want to continue?""", SystemPruneCommand.warning(false, true));
    }

    @Test
    void aSectionIsItsHeadingItsLinesAndABlankLineAndNothingWhenEmpty() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new Pruned("Deleted Containers:", List.of(), 0).print(out);
        new Pruned("Deleted Images:", List.of("untagged: busybox:latest", "deleted: sha256:ab"), 1).print(out);
        Pruned.printTotal(out, 12_345_678);
        assertEquals("Deleted Images:\nuntagged: busybox:latest\ndeleted: sha256:ab\n\nTotal reclaimed space: 12.35MB\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
