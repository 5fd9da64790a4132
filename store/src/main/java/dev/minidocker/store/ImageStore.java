package dev.minidocker.store;

import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Image records ({@code images/sha256/<id>.json}) and the references that name them
 * ({@code repositories.json}: {@code name:tag} or {@code name@digest} -> {@link TagEntry}).
 * Every write is temp file + rename, under the {@code repositories} lock.
 */
public final class ImageStore {
    private final Path dir;
    private final Path repositories;
    private final Path tmp;
    private final Locks locks;

    ImageStore(Path dir, Path repositories, Path tmp, Locks locks) {
        this.dir = dir;
        this.repositories = repositories;
        this.tmp = tmp;
        this.locks = locks;
    }

    public void save(ImageRecord image) throws StoreException {
        try {
            AtomicFiles.write(dir.resolve(image.id().hex() + ".json"), Json.write(image), tmp);
        } catch (IOException e) {
            throw new StoreException("save image " + image.id() + ": " + e.getMessage(), e);
        }
    }

    public Optional<ImageRecord> get(Digest id) throws StoreException {
        try {
            return Optional.of(JsonObject.read(Files.readAllBytes(dir.resolve(id.hex() + ".json")), ImageRecord::fromJson));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("read image " + id + ": " + e.getMessage(), e);
        }
    }

    public List<ImageRecord> all() throws StoreException {
        List<ImageRecord> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                String name = p.getFileName().toString();
                get(new Digest("sha256", name.substring(0, name.length() - 5))).ifPresent(images::add);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new StoreException("list images in " + dir + ": " + e.getMessage(), e);
        }
        return images;
    }

    /** Deletes an image record (not its blobs or layers: that is garbage collection's job). */
    public void delete(Digest id) throws StoreException {
        try {
            Files.deleteIfExists(dir.resolve(id.hex() + ".json"));
        } catch (IOException e) {
            throw new StoreException("delete image " + id + ": " + e.getMessage(), e);
        }
    }

    /** Every reference and where it points, sorted by reference. */
    public Map<String, TagEntry> tags() throws StoreException {
        try {
            Map<String, TagEntry> tags = JsonObject.parse(Files.readAllBytes(repositories)).members(TagEntry::fromJson);
            return new TreeMap<>(tags);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new StoreException("read " + repositories + ": " + e.getMessage(), e);
        }
    }

    public Optional<TagEntry> lookup(ImageReference ref) throws StoreException {
        return Optional.ofNullable(tags().get(ref.toString()));
    }

    /** Points {@code ref} at {@code entry}, replacing what it pointed at. */
    public void tag(ImageReference ref, TagEntry entry) throws StoreException {
        try (Locks.Held lock = locks.exclusive("repositories")) {
            Map<String, TagEntry> tags = tags();
            tags.put(ref.toString(), entry);
            writeTags(tags);
        }
    }

    /** Removes {@code ref}; returns what it pointed at, if anything. */
    public Optional<TagEntry> untag(ImageReference ref) throws StoreException {
        try (Locks.Held lock = locks.exclusive("repositories")) {
            Map<String, TagEntry> tags = tags();
            TagEntry removed = tags.remove(ref.toString());
            if (removed != null) {
                writeTags(tags);
            }
            return Optional.ofNullable(removed);
        }
    }

    /** Removes every reference to image {@code id}; returns the references removed. */
    public List<String> untagAll(Digest id) throws StoreException {
        try (Locks.Held lock = locks.exclusive("repositories")) {
            Map<String, TagEntry> tags = tags();
            List<String> removed = tags.entrySet().stream().filter(e -> e.getValue().image().equals(id))
                    .map(Map.Entry::getKey).toList();
            removed.forEach(tags::remove);
            if (!removed.isEmpty()) {
                writeTags(tags);
            }
            return removed;
        }
    }

    private void writeTags(Map<String, TagEntry> tags) throws StoreException {
        try {
            AtomicFiles.write(repositories, Json.write(tags), tmp);
        } catch (IOException e) {
            throw new StoreException("write " + repositories + ": " + e.getMessage(), e);
        }
    }
}
