package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerStoreTest {
    private static final byte[] TAR = tar("etc/hostname", "box\n");
    private static final Digest DIFF_ID = Digest.of(TAR);

    @TempDir
    Path root;
    private LayerStore layers;

    @BeforeEach
    void open() throws StoreException {
        layers = Store.open(root, notice -> { }).layers();
    }

    /** An uncompressed layer tar holding one directory and one file. */
    static byte[] tar(String file, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            String parent = file.substring(0, file.lastIndexOf('/') + 1);
            TarArchiveEntry dir = new TarArchiveEntry(parent);
            dir.setMode(040755);
            out.putArchiveEntry(dir);
            out.closeArchiveEntry();
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(file);
            entry.setMode(0100644);
            entry.setSize(data.length);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
            out.finish();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private List<Path> tmpLeftovers() throws IOException {
        try (var tmp = Files.list(root.resolve("tmp"))) {
            return tmp.filter(p -> !p.getFileName().toString().equals("ingest")).toList();
        }
    }

    @Test
    void unpackPutsTheTreeUnderItsDiffId() throws Exception {
        LayerStore.LayerInfo info = layers.unpack(DIFF_ID, new ByteArrayInputStream(TAR));
        assertEquals(new LayerStore.LayerInfo(DIFF_ID, 4), info);
        assertTrue(layers.has(DIFF_ID));
        Path diff = layers.diffDir(DIFF_ID);
        assertEquals(root.resolve("layers/sha256/" + DIFF_ID.hex() + "/diff"), diff);
        assertEquals("box\n", Files.readString(diff.resolve("etc/hostname")));
        assertEquals(info, layers.info(DIFF_ID));
        assertEquals(List.of(DIFF_ID), layers.list());
        assertEquals(List.of(), tmpLeftovers());
    }

    @Test
    void aStreamThatIsNotTheDiffIdLeavesNothing() throws Exception {
        byte[] other = tar("etc/hostname", "evil\n");
        StoreException e = assertThrows(StoreException.class,
                () -> layers.unpack(DIFF_ID, new ByteArrayInputStream(other)));
        assertEquals("unpack layer " + DIFF_ID + ": diff-id mismatch, the uncompressed stream is " + Digest.of(other),
                e.getMessage());
        assertFalse(layers.has(DIFF_ID));
        assertEquals(List.of(), layers.list());
        assertEquals(List.of(), tmpLeftovers());
    }

    @Test
    void anUnpackedLayerIsNotReadAgain() throws Exception {
        layers.unpack(DIFF_ID, new ByteArrayInputStream(TAR));
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the stream of a present layer was read");
            }
        };
        assertEquals(new LayerStore.LayerInfo(DIFF_ID, 4), layers.unpack(DIFF_ID, untouchable));
    }

    @Test
    void deleteRemovesTheLayerAndIsIdempotent() throws Exception {
        layers.unpack(DIFF_ID, new ByteArrayInputStream(TAR));
        layers.delete(DIFF_ID);
        assertFalse(layers.has(DIFF_ID));
        assertFalse(Files.exists(root.resolve("layers/sha256/" + DIFF_ID.hex())));
        layers.delete(DIFF_ID);
        assertEquals(List.of(), layers.list());
        assertEquals(List.of(), tmpLeftovers());
    }

    @Test
    void infoOfAMissingLayerNamesIt() {
        StoreException e = assertThrows(StoreException.class, () -> layers.info(DIFF_ID));
        assertTrue(e.getMessage().startsWith("read layer " + DIFF_ID + ": "), e.getMessage());
    }
}
