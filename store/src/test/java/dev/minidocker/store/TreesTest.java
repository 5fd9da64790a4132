package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {
    @TempDir
    Path dir;
    private Path sentinel;
    private Path tree;

    @BeforeEach
    void build() throws Exception {
        sentinel = Files.createDirectory(dir.resolve("sentinel"));
        Files.writeString(sentinel.resolve("keep-me"), "precious");
        tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("etc/sub"));
        Files.writeString(tree.resolve("etc/hostname"), "box\n");
        Files.writeString(tree.resolve("etc/sub/file"), "12345");
        Files.createSymbolicLink(tree.resolve("etc/out"), sentinel);
        Files.createSymbolicLink(tree.resolve("etc/sub/file-out"), sentinel.resolve("keep-me"));
        Files.createSymbolicLink(tree.resolve("dangling"), dir.resolve("nowhere"));
    }

    @Test
    void deleteRemovesLinksWithoutFollowingThemOutOfTheTree() throws Exception {
        Trees.delete(tree);
        assertFalse(Files.exists(tree, LinkOption.NOFOLLOW_LINKS));
        assertEquals("precious", Files.readString(sentinel.resolve("keep-me")));
    }

    @Test
    void deletingALinkRemovesOnlyTheLink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), sentinel);
        Trees.delete(link);
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(sentinel.resolve("keep-me")));
    }

    @Test
    void deletingWhatIsGoneIsNotAnError() throws Exception {
        Trees.delete(dir.resolve("absent"));
        Trees.delete(tree);
        Trees.delete(tree);
        assertFalse(Files.exists(tree));
    }

    @Test
    void sizeCountsFilesAndLinksByTheirApparentSizeAndNeverFollowsLinks() throws Exception {
        long links = sentinel.toString().length() + sentinel.resolve("keep-me").toString().length()
                + dir.resolve("nowhere").toString().length();
        assertEquals("box\n".length() + "12345".length() + links, Trees.size(tree), "precious is outside the tree");
    }

    @Test
    void sizeCountsAHardLinkedFileOnce() throws Exception {
        long before = Trees.size(tree);
        Files.createLink(tree.resolve("etc/hostname-again"), tree.resolve("etc/hostname"));
        assertEquals(before, Trees.size(tree));
    }

    @Test
    void sizeOfASingleFileOrOfNothing() throws Exception {
        assertEquals(5, Trees.size(tree.resolve("etc/sub/file")));
        assertEquals(0, Trees.size(dir.resolve("absent")));
    }
}
