package dev.minidocker.store.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.Digest;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.Trees;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A store in a sandbox, for the layer fuzz targets: each tar goes through the store's own entry
 * point ({@code LayerStore.unpack}), as a pull hands it over, and what must hold whatever the tar
 * is checked after it:
 * <ul>
 * <li>nothing outside the layer changes: the sandbox around the store, and a file beside the
 *     store that names and links aim at (its content, mode, mtime and link count);</li>
 * <li>the only failure is a StoreException, one line, and a refused entry is named by a name the
 *     tar holds;</li>
 * <li>nothing is left half-done: a failed unpack leaves no layer and nothing in {@code tmp/}.</li>
 * </ul>
 * Runs as root, as the store does (owners, devices, trusted.* xattrs); {@link Reach} keeps every
 * name the tar could follow inside the sandbox. The sandbox is made once per target class, in
 * /dev/shm where there is one: the target unpacks a tar at every run, and on a disk the files'
 * metadata, not the unpacker, would set the pace. Register as a static field:
 * {@code @RegisterExtension static final LayerSandbox SANDBOX = new LayerSandbox();}
 */
final class LayerSandbox implements BeforeAllCallback, AfterAllCallback {
    private static final Path SHM = Path.of("/dev/shm");
    private Path top;
    private Path home;
    private Path victim;
    private Store store;
    private List<String> before;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, StoreException {
        top = Files.isDirectory(SHM) ? Files.createTempDirectory(SHM, "layer-fuzz-")
                : Files.createTempDirectory("layer-fuzz-");
        home = Files.createDirectories(top.resolve("1/2/home"));
        assertEquals(top, home.getParent().getParent().getParent(), "Reach.SLACK directories up");
        victim = Files.writeString(Files.createDirectory(home.resolve("outside")).resolve("victim"), "host secret");
        store = Store.open(home.resolve("store"), notice -> { });
        before = listing();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Trees.delete(top);
    }

    /** Where absolute names in a tar may lead (see {@link Reach}). */
    Path home() {
        return home;
    }

    void unpackAndCheck(byte[] tar) throws IOException, StoreException {
        Reach reach = Reach.of(tar, home);
        if (!reach.staysInSandbox()) {
            return;
        }
        Digest diffId = Digest.of(tar);
        try {
            store.layers().unpack(diffId, new ByteArrayInputStream(tar));
            assertTrue(store.layers().has(diffId), "the layer is in place");
            store.layers().delete(diffId);
        } catch (StoreException refused) {
            assertFalse(store.layers().has(diffId), "a failed unpack leaves no layer");
            assertSaysWhy(refused.getMessage(), reach);
        }
        try (Stream<Path> tmp = Files.list(store.root().resolve("tmp"))) {
            assertEquals(List.of("ingest"), tmp.map(p -> p.getFileName().toString()).toList(), "tmp/ is left empty");
        }
        assertEquals(before, listing(), "nothing outside the layer changed");
    }

    /** One line; a refused entry named as the tar names it; a detail that says something. */
    private static void assertSaysWhy(String message, Reach reach) {
        assertFalse(message.contains("\n"), () -> "one line: " + message);
        assertFalse(message.endsWith(": null") || message.endsWith(": "), () -> "a detail: " + message);
        String entry = "unpack layer entry ";
        if (message.startsWith(entry)) {
            assertTrue(reach.names().stream().anyMatch(n -> message.startsWith(entry + BadEntryException.quoted(n) + ": ")),
                    () -> "names an entry of the tar: " + message + " " + reach.names());
        }
    }

    /** Every path of the sandbox but the store's, with its mode, owner, size, mtime and links. */
    private List<String> listing() throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            return all.filter(p -> !p.startsWith(store.root())).sorted().map(p -> {
                try {
                    return top.relativize(p) + " " + Files.readAttributes(p, "unix:mode,uid,size,lastModifiedTime,nlink",
                            LinkOption.NOFOLLOW_LINKS) + (p.equals(victim) ? " " + Files.readString(p) : "");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
    }
}
