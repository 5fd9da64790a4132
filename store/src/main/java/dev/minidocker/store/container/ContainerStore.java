package dev.minidocker.store.container;

import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.AtomicFiles;
import dev.minidocker.store.Locks;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Containers under {@code containers/<id>/}: the record ({@code container.json}), written whole by
 * temp file + rename under the container's lock, beside the directories the container runs in.
 * Names are unique: creating and renaming hold the {@code names} lock.
 */
public final class ContainerStore {
    private static final String RECORD = "container.json";
    private final Path dir;
    private final Path tmp;
    private final Locks locks;
    /** What {@link #list} read last, until a record is written through this store. */
    private volatile Listing listed;

    public ContainerStore(Path dir, Path tmp, Locks locks) {
        this.dir = dir;
        this.tmp = tmp;
        this.locks = locks;
    }

    /** The container's directory. */
    public Path dir(String id) {
        return dir.resolve(id);
    }

    /** Saves a new container; refuses a name that another container has. */
    public void create(ContainerRecord record) throws StoreException {
        try (Locks.Held names = locks.exclusive("names")) {
            checkNameFree(record.name(), record.id());
            Files.createDirectories(dir(record.id()), Store.PRIVATE_DIRECTORY);
            write(record);
        } catch (IOException e) {
            throw new StoreException("create container " + record.shortId() + ": " + e.getMessage(), e);
        }
    }

    public void rename(String id, String newName) throws StoreException {
        try (Locks.Held names = locks.exclusive("names")) {
            checkNameFree(newName, id);
            update(id, r -> r.withName(newName));
        }
    }

    private void checkNameFree(String name, String id) throws StoreException {
        for (ContainerRecord other : all()) {
            if (other.name().equals(name) && !other.id().equals(id)) {
                throw new NameConflictException(name, other.id());
            }
        }
    }

    public Optional<ContainerRecord> get(String id) throws StoreException {
        try {
            return Optional.of(JsonObject.read(Files.readAllBytes(dir(id).resolve(RECORD)), ContainerRecord::fromJson));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("read container " + id + ": " + e.getMessage(), e);
        }
    }

    /** Applies {@code change} to the record under the container's lock and saves the result. */
    public ContainerRecord update(String id, UnaryOperator<ContainerRecord> change) throws StoreException {
        try (Locks.Held lock = locks.exclusive("container-" + id)) {
            ContainerRecord current = get(id)
                    .orElseThrow(() -> new StoreException("update container " + id + ": no such container"));
            ContainerRecord next = change.apply(current);
            write(next);
            return next;
        }
    }

    private void write(ContainerRecord record) throws StoreException {
        listed = null;
        try {
            AtomicFiles.write(dir(record.id()).resolve(RECORD), Json.write(record), tmp);
        } catch (IOException e) {
            throw new StoreException("write container " + record.shortId() + ": " + e.getMessage(), e);
        }
    }

    public List<ContainerRecord> all() throws StoreException {
        return list().records();
    }

    /** Forgets the records {@link #listed} read: another process may have changed them since. */
    public void forget() {
        listed = null;
    }

    /**
     * What {@link #list} read last, when no record was written through this store since; else a
     * new listing. A command's reconciliation reads every record first: what the command lists or
     * looks up next needs no second read, unless it changed something meanwhile.
     */
    public Listing listed() throws StoreException {
        Listing last = listed;
        return last != null ? last : list();
    }

    /**
     * What the containers directory holds: the records, and the ids of the directories that hold
     * none (runs still planning their containers, or runs that died before they wrote the record).
     */
    public record Listing(List<ContainerRecord> records, List<String> unrecorded) {
    }

    /** Every record, and every directory without one, in one pass over the directory. */
    public Listing list() throws StoreException {
        listed = null;
        List<ContainerRecord> records = new ArrayList<>();
        List<String> unrecorded = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String id = p.getFileName().toString();
                get(id).ifPresentOrElse(records::add, () -> unrecorded.add(id));
            }
        } catch (IOException e) {
            throw new StoreException("list containers in " + dir + ": " + e.getMessage(), e);
        }
        Listing listing = new Listing(records, unrecorded);
        listed = listing;
        return listing;
    }

    /**
     * A container by full id, name, or unique id prefix, as Docker resolves them, in the
     * {@link #listed} records; an ambiguous prefix is an error that says so.
     */
    public Optional<ContainerRecord> find(String nameOrId) throws StoreException {
        List<ContainerRecord> all = listed().records();
        for (ContainerRecord r : all) {
            if (r.id().equals(nameOrId) || r.name().equals(nameOrId.startsWith("/") ? nameOrId.substring(1) : nameOrId)) {
                return Optional.of(r);
            }
        }
        if (!nameOrId.matches("[a-f0-9]+")) {
            return Optional.empty();
        }
        List<ContainerRecord> matches = all.stream().filter(r -> r.id().startsWith(nameOrId)).toList();
        if (matches.size() > 1) {
            throw new StoreException("multiple containers match the prefix \"" + nameOrId + "\": use more characters");
        }
        return matches.stream().findFirst();
    }

    /** Removes the container's directory: its record first (renamed away), so no half-removed container shows. */
    public void delete(String id) throws StoreException {
        listed = null;
        try (Locks.Held lock = locks.exclusive("container-" + id)) {
            Path doomed = tmp.resolve("container-" + id + "-" + System.nanoTime());
            try {
                if (Files.exists(dir(id))) {
                    Files.move(dir(id), doomed);
                    Trees.delete(doomed);
                }
            } catch (IOException e) {
                throw new StoreException("remove container " + id + ": " + e.getMessage(), e);
            }
        }
        locks.forget("container-" + id);
        locks.forget("finish-" + id);
        locks.forget("start-" + id);
    }
}
