package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison names every kind of difference, so a failing pull test says what differs. */
class TreeComparisonTest {
    private static final FileTime TIME = FileTime.from(Instant.parse("2024-05-01T12:34:56Z"));

    @TempDir
    Path scratch;
    Path expected;
    Path actual;

    @BeforeEach
    void twoEqualTrees() throws IOException {
        expected = populate(scratch.resolve("expected"));
        actual = populate(scratch.resolve("actual"));
    }

    @Test
    void equalTreesHaveNoDifferences() {
        assertEquals(List.of(), TreeComparison.differences(expected, actual));
    }

    @Test
    void directoryTimesAreIgnored() throws IOException {
        Files.setLastModifiedTime(actual.resolve("dir"), FileTime.from(Instant.EPOCH));

        assertEquals(List.of(), TreeComparison.differences(expected, actual));
    }

    @Test
    void reportsEveryDifference() throws IOException {
        Files.delete(actual.resolve("hard"));
        Files.copy(actual.resolve("file"), actual.resolve("hard"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.delete(actual.resolve("dir/only-expected"));
        Files.writeString(actual.resolve("only-actual"), "");
        HostCommand.check("chmod", "4755", actual.resolve("file").toString());
        Files.setLastModifiedTime(actual.resolve("file"), FileTime.from(Instant.EPOCH));
        Files.setAttribute(actual.resolve("dir"), "unix:uid", 1000);
        Files.writeString(actual.resolve("dir/content"), "other");
        Files.setLastModifiedTime(actual.resolve("dir/content"), TIME);
        Files.delete(actual.resolve("link"));
        Files.createSymbolicLink(actual.resolve("link"), Path.of("elsewhere"));
        setSymlinkTime(actual.resolve("link"));
        Files.delete(actual.resolve("shape"));
        Files.createDirectory(actual.resolve("shape"));

        assertEquals(List.of(
                "dir: owner 0:0, got 1000:0",
                "dir/content: content " + sha256("content") + ", got " + sha256("other"),
                "dir/only-expected: missing (expected file)",
                "file: mode 0644, got 4755",
                "file: mtime 1714566896, got 0",
                "file: hard links [hard], got []",
                "hard: hard links [file], got []",
                "link: target target, got elsewhere",
                "only-actual: unexpected file",
                "shape: type file, got directory"), TreeComparison.differences(expected, actual));
    }

    @Test
    void assertionListsTheDifferences() throws IOException {
        Files.writeString(actual.resolve("file"), "changed");
        Files.setLastModifiedTime(actual.resolve("file"), TIME);

        AssertionError failure = assertThrows(AssertionError.class,
                () -> TreeComparison.assertSameTree(expected, actual));

        assertTrue(failure.getMessage().contains("2 difference(s)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  file: content sha256:"), failure.getMessage());
    }

    /** Java sets times through symlinks only; {@code touch -h} sets the link's own. */
    private static void setSymlinkTime(Path link) {
        HostCommand.check("touch", "-h", "-d", TIME.toString(), link.toString());
    }

    private static String sha256(String content) {
        return OciLayout.digest(content.getBytes(StandardCharsets.UTF_8));
    }

    private static Path populate(Path root) throws IOException {
        Files.createDirectories(root.resolve("dir"));
        Files.setAttribute(root.resolve("dir"), "unix:uid", 0);
        Files.writeString(root.resolve("dir/content"), "content");
        Files.writeString(root.resolve("dir/only-expected"), "");
        Files.writeString(root.resolve("file"), "file");
        Files.setPosixFilePermissions(root.resolve("file"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.createLink(root.resolve("hard"), root.resolve("file"));
        Files.writeString(root.resolve("shape"), "");
        Files.createSymbolicLink(root.resolve("link"), Path.of("target"));
        setSymlinkTime(root.resolve("link"));
        for (String file : List.of("dir/content", "dir/only-expected", "file", "shape")) {
            Files.setLastModifiedTime(root.resolve(file), TIME);
        }
        return root;
    }
}
