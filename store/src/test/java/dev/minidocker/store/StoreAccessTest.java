package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAccessTest {
    private static final List<String> PRIVATE_DIRS = List.of("blobs", "blobs/sha256", "layers", "layers/sha256",
            "images", "images/sha256", "tmp", "tmp/ingest", "locks", "mounts", "networks", "seccomp/index");
    /** Where a container's root in a user namespace passes: to its directory, and to its seccomp program. */
    private static final List<String> PASSABLE_DIRS = List.of("containers", "seccomp", "seccomp/sha256", "volumes");

    @TempDir
    Path dir;
    private final List<String> notices = new ArrayList<>();

    private Path open(Path root) throws StoreException {
        return Store.open(root, notices::add).root();
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode") & 07777;
    }

    private static void chmod(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
    }

    private static Map<String, Integer> modes(Path root) throws IOException {
        Map<String, Integer> modes = new LinkedHashMap<>();
        modes.put("", mode(root));
        for (String d : PRIVATE_DIRS) {
            modes.put(d, mode(root.resolve(d)));
        }
        for (String d : PASSABLE_DIRS) {
            modes.put(d, mode(root.resolve(d)));
        }
        return modes;
    }

    private static Map<String, Integer> expected(int rootMode) {
        Map<String, Integer> modes = new LinkedHashMap<>();
        modes.put("", rootMode);
        PRIVATE_DIRS.forEach(d -> modes.put(d, 0700));
        PASSABLE_DIRS.forEach(d -> modes.put(d, 0711));
        return modes;
    }

    @Test
    void aNewStoreIsItsOwnersAloneButForSearchWhereAContainersRootMustPassAndSaysNothing() throws Exception {
        Path root = open(dir.resolve("a/b/store"));
        assertEquals(expected(0711), modes(root));
        open(root);
        assertEquals(expected(0711), modes(root));
        assertEquals(List.of(), notices);
    }

    @Test
    void aStoreAnOlderVersionLeftOpenIsClosedOnceAndSaidOnce() throws Exception {
        Path root = open(dir.resolve("store"));
        Path container = Files.createDirectory(root.resolve("containers/c1"));
        Path containerUpper = Files.createDirectory(container.resolve("upper"));
        Path layer = Files.createDirectories(root.resolve("layers/sha256/abc/diff"));
        for (Path p : List.of(root, container, containerUpper, layer)) {
            chmod(p, 0755);
        }
        for (String d : PRIVATE_DIRS) {
            chmod(root.resolve(d), 0755);
        }
        for (String d : PASSABLE_DIRS) {
            chmod(root.resolve(d), 0755);
        }

        open(root);
        assertEquals(expected(0711), modes(root));
        assertEquals(List.of("closed the store " + root + " to other users: 18 directories were open to them (left so"
                + " by an older minidocker or a chmod)"), notices);
        assertEquals(0700, mode(container));
        assertEquals(0755, mode(containerUpper), "overlayfs takes the container's root mode from its upper dir");
        assertEquals(0755, mode(layer), "a layer's own modes are the image's; layers/ hides them");
        open(root);
        assertEquals(1, notices.size(), "said once");
    }

    @Test
    void aStateDirectoryTheUserClosedFurtherStaysSo() throws Exception {
        Path root = Files.createDirectory(dir.resolve("store"));
        chmod(root, 0700);
        open(root);
        assertEquals(expected(0700), modes(root));
        chmod(root, 0750);
        open(root);
        assertEquals(0710, mode(root), "the group's read is taken, its search kept");
    }

    @Test
    void aNewStoreInADirectoryMadeForItSaysNothingOfTheModeItTightened() throws Exception {
        Path root = Files.createDirectory(dir.resolve("store"));
        Path containers = Files.createDirectory(root.resolve("containers"));
        chmod(root, 0755);
        chmod(containers, 0755);
        open(root);
        assertEquals(expected(0711), modes(root));
        assertEquals(List.of(), notices);
    }

    @Test
    void aStoreThatIsNotADirectoryOrHasAFileForADirectoryIsRefused() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));
        StoreException e = assertThrows(StoreException.class, () -> open(file));
        assertEquals("open store " + file + ": " + file + " is not a directory", e.getMessage());

        Path root = open(dir.resolve("store"));
        Files.delete(root.resolve("locks"));
        Files.createFile(root.resolve("locks"));
        e = assertThrows(StoreException.class, () -> open(root));
        assertEquals("open store " + root + ": " + root.resolve("locks") + " is not a directory", e.getMessage());
    }

    @Test
    void aStoreBelowADirectoryOthersCanWriteToIsRefusedAndNotMade() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        chmod(shared, 0777);
        Path root = shared.resolve("store");
        assertRefusedAsWritable(root, shared);
        assertFalse(Files.exists(root));

        chmod(shared, 01777);
        open(root);
        assertEquals(expected(0711), modes(root), "a sticky directory, as /tmp: no one else can rename the store");
    }

    @Test
    void aStoreThroughASymlinkIsCheckedWhereItReallyIs() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Path real = open(shared.resolve("store"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        open(link);
        chmod(shared, 0777);
        assertRefusedAsWritable(link, shared);
    }

    private void assertRefusedAsWritable(Path root, Path writable) {
        StoreException e = assertThrows(StoreException.class, () -> open(root));
        assertEquals("open store " + root + ": " + writable + " is writable by other users (mode 0777), who could"
                + " put another directory in the store's place", e.getMessage());
    }

    @Test
    void anotherUsersStoreOrAStoreInAnotherUsersDirectoryIsRefused() throws Exception {
        assumeTrue(isRoot(), "chown needs root");
        Path root = open(dir.resolve("store"));
        Files.setAttribute(root, "unix:uid", 65534);
        StoreException e = assertThrows(StoreException.class, () -> open(root));
        assertEquals("open store " + root + ": " + root + " belongs to uid 65534, not to uid 0 who runs minidocker",
                e.getMessage());

        Files.setAttribute(root, "unix:uid", 0);
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.setAttribute(home, "unix:uid", 65534);
        Path inHome = home.resolve("store");
        e = assertThrows(StoreException.class, () -> open(inHome));
        assertEquals("open store " + inHome + ": " + home + " belongs to uid 65534, who could put another directory"
                + " in the store's place", e.getMessage());
    }

    private static boolean isRoot() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }
}
