package dev.minidocker.store;

import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import dev.minidocker.store.layer.LayerUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Unpacked layers by diff-id under {@code layers/sha256/<hex>/}: {@code diff/} holds the tree in
 * overlayfs form and {@code layer.json} its facts. A layer is unpacked into {@code tmp/} and its
 * directory renamed into place last: that rename is the completion marker, so a killed pull never
 * leaves a half layer under a final name.
 */
public final class LayerStore {
    private final Path dir;
    private final Path tmp;
    private final Locks locks;
    private final LayerUnpacker unpacker;

    LayerStore(Path dir, Path tmp, Locks locks, LayerUnpacker unpacker) {
        this.dir = dir;
        this.tmp = tmp;
        this.locks = locks;
        this.unpacker = unpacker;
    }

    /** What the store knows of an unpacked layer ({@code layer.json}). */
    public record LayerInfo(Digest diffId, long size) implements JsonWritable {
        static LayerInfo fromJson(JsonObject json) throws JsonException {
            return new LayerInfo(json.string("diffId", Digest::parse), json.number("size"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("diffId", diffId).add("size", size);
        }
    }

    public boolean has(Digest diffId) {
        return Files.isDirectory(dir.resolve(diffId.hex()).resolve("diff"));
    }

    /** The layer's directory: its tree ({@code diff/}) and {@code layer.json}. */
    public Path path(Digest diffId) {
        return dir.resolve(diffId.hex());
    }

    /** The layer's tree, to use as an overlayfs lowerdir. */
    public Path diffDir(Digest diffId) {
        return path(diffId).resolve("diff");
    }

    /**
     * Unpacks an uncompressed layer tar read from {@code tar}, verifying that the stream's digest is
     * {@code diffId}. When the layer is already there (another pull won the race), returns at once
     * without reading the stream: the caller closes it.
     */
    public LayerInfo unpack(Digest diffId, InputStream tar) throws StoreException {
        try (Locks.Held lock = locks.exclusive("layer-" + diffId.hex())) {
            if (has(diffId)) {
                return info(diffId);
            }
            Path work = tmp.resolve("layer-" + diffId.hex() + "-" + UUID.randomUUID());
            try {
                Files.createDirectories(work.resolve("diff"));
                HashingInputStream hashed = new HashingInputStream(tar, Digest.sha256());
                long size = unpacker.unpack(hashed, work.resolve("diff"));
                // The tar's trailing blocks are part of the diff-id too.
                hashed.transferTo(java.io.OutputStream.nullOutputStream());
                Digest actual = Digest.of(hashed.hash());
                if (!actual.equals(diffId)) {
                    throw new StoreException("unpack layer " + diffId + ": diff-id mismatch, the uncompressed"
                            + " stream is " + actual);
                }
                LayerInfo info = new LayerInfo(diffId, size);
                Files.write(work.resolve("layer.json"), Json.write(info));
                Files.move(work, dir.resolve(diffId.hex()), StandardCopyOption.ATOMIC_MOVE);
                return info;
            } catch (IOException e) {
                throw new StoreException("unpack layer " + diffId + ": " + e.getMessage(), e);
            } finally {
                Trees.deleteQuietly(work);
            }
        }
    }

    public LayerInfo info(Digest diffId) throws StoreException {
        try {
            return JsonObject.read(Files.readAllBytes(dir.resolve(diffId.hex()).resolve("layer.json")), LayerInfo::fromJson);
        } catch (IOException e) {
            throw new StoreException("read layer " + diffId + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a layer: first renamed out of place, so that no half-deleted layer looks whole. */
    public void delete(Digest diffId) throws StoreException {
        try (Locks.Held lock = locks.exclusive("layer-" + diffId.hex())) {
            Path layer = dir.resolve(diffId.hex());
            if (!Files.exists(layer)) {
                return;
            }
            Path doomed = tmp.resolve("deleted-" + diffId.hex() + "-" + UUID.randomUUID());
            try {
                Files.move(layer, doomed, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new StoreException("delete layer " + diffId + ": " + e.getMessage(), e);
            }
            Trees.deleteQuietly(doomed);
        }
    }

    public List<Digest> list() throws StoreException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.length() == 64)
                    .map(hex -> new Digest("sha256", hex)).toList();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new StoreException("list layers in " + dir + ": " + e.getMessage(), e);
        }
    }
}
