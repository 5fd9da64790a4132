package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a minidocker store holds on disk, read as files ({@code blobs/sha256/<hex>},
 * {@code layers/sha256/<diff-id>/}, {@code tmp/}), and the invariants a store keeps whatever
 * happened to the commands that wrote it.
 */
final class StoreFiles {
    private StoreFiles() {
    }

    /** The names in {@code root/relative}, sorted; none when it does not exist. */
    static List<String> names(Path root, String relative) {
        Path directory = root.resolve(relative);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> blobs(Path root) {
        return names(root, "blobs/sha256");
    }

    static List<String> layers(Path root) {
        return names(root, "layers/sha256");
    }

    /** The names under blobs/sha256 of {@code digests} ({@code sha256:<hex>}): each once, sorted. */
    static List<String> blobNames(Collection<String> digests) {
        return digests.stream().map(digest -> digest.substring("sha256:".length())).distinct().sorted().toList();
    }

    /**
     * Every blob re-hashes to its name (never a partial or corrupt file under a final name) and
     * every layer directory is complete ({@code diff/} and {@code layer.json}).
     */
    static void assertIntact(Path root) {
        List<String> failures = new ArrayList<>();
        for (String blob : blobs(root)) {
            String actual = sha256(root.resolve("blobs/sha256").resolve(blob));
            if (!actual.equals(blob)) {
                failures.add("blob " + blob + " hashes to " + actual);
            }
        }
        for (String layer : layers(root)) {
            Path directory = root.resolve("layers/sha256").resolve(layer);
            if (!Files.isRegularFile(directory.resolve("layer.json")) || !Files.isDirectory(directory.resolve("diff"))) {
                failures.add("layer " + layer + " lacks layer.json or diff/: " + names(directory, "."));
            }
        }
        assertEquals(List.of(), failures, "store under " + root);
    }

    /** {@code tmp/} holds nothing but its empty {@code ingest/}: no partial download, no unpack in progress. */
    static void assertTmpEmpty(Path root) {
        List<String> tmp = names(root, "tmp");
        assertTrue(tmp.isEmpty() || tmp.equals(List.of("ingest")), "tmp/ holds " + tmp);
        assertEquals(List.of(), names(root, "tmp/ingest"), "tmp/ingest/");
    }

    /** The hex sha256 of a file's bytes. */
    static String sha256(Path file) {
        MessageDigest sha256 = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("hash " + file, e);
        }
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(newSha256().digest(content));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
