package dev.minidocker.store.volume;

import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.Locks;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Volumes under {@code volumes/NAME/}: the record ({@code volume.json}) and the files
 * ({@code _data}, as Docker's local driver keeps them). A volume is made whole in {@code tmp/} and
 * renamed into place, and removed by a rename out of it first: a volume is there entirely or not
 * at all. Creating and removing hold the {@code volumes} lock, which callers also hold while they
 * check that no container uses a volume they remove.
 */
public final class VolumeStore {
    /** Docker's rule for a local volume's name: at least two characters, no '/', so no "..". */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final String RECORD = "volume.json";
    private static final String DATA = "_data";
    /** A volume's directory: its owner's, and search for a container's root in a user namespace. */
    private static final int VOLUME_DIR = 0711;
    /** A new volume's files, as Docker makes {@code _data}. */
    private static final int DATA_DIR = 0755;
    private final Path dir;
    private final Path tmp;
    private final Locks locks;

    public VolumeStore(Path dir, Path tmp, Locks locks) {
        this.dir = dir;
        this.tmp = tmp;
        this.locks = locks;
    }

    /**
     * Held while volumes are created or removed, and while a removal checks that no container uses
     * them. It holds the store's {@code gc} lock shared first, as a pull does: a garbage collection,
     * which clears {@code tmp/}, waits for the volume made or removed through it.
     */
    public Locks.Held lock() throws StoreException {
        Locks.Held gc = locks.shared("gc");
        try {
            Locks.Held volumes = locks.exclusive("volumes");
            return () -> {
                volumes.close();
                gc.close();
            };
        } catch (StoreException | RuntimeException e) {
            gc.close();
            throw e;
        }
    }

    /** Refuses what is no volume name with Docker's words; a name with '/' or ".." never names a path here. */
    public static void checkName(String name) throws StoreException {
        if (NAME.matcher(name).matches()) {
            return;
        }
        if (name.length() < 2 && !name.isEmpty() && Character.isLetterOrDigit(name.charAt(0)) && name.charAt(0) < 128) {
            throw new StoreException("create " + name + ": volume name is too short, names should be at least two"
                    + " alphanumeric characters");
        }
        throw new StoreException("create " + name + ": \"" + name + "\" includes invalid characters for a local volume"
                + " name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory,"
                + " use absolute path");
    }

    /** A name for a volume made without one: 64 hex digits, as Docker draws them. */
    public static String drawName() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Where the volume's files are: what containers mount. */
    public Path data(String name) {
        return dir.resolve(name).resolve(DATA);
    }

    public Optional<VolumeRecord> get(String name) throws StoreException {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonObject.read(Files.readAllBytes(dir.resolve(name).resolve(RECORD)),
                    VolumeRecord::fromJson));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("read volume " + name + ": " + e.getMessage(), e);
        }
    }

    /** Every volume, by name. */
    public List<VolumeRecord> all() throws StoreException {
        List<VolumeRecord> volumes = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                get(p.getFileName().toString()).ifPresent(volumes::add);
            }
        } catch (IOException e) {
            throw new StoreException("list volumes in " + dir + ": " + e.getMessage(), e);
        }
        return volumes;
    }

    /** What {@link #create} returned: the volume, and whether this call made it. */
    public record Created(VolumeRecord volume, boolean made) {
    }

    /**
     * The volume {@code name}, made empty with {@code labels} unless it exists (then it is returned
     * as it is, as Docker's {@code volume create} of an existing name does). The caller holds {@link #lock}.
     */
    public Created create(String name, Map<String, String> labels) throws StoreException {
        checkName(name);
        Optional<VolumeRecord> existing = get(name);
        if (existing.isPresent()) {
            return new Created(existing.get(), false);
        }
        VolumeRecord volume = new VolumeRecord(name, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), labels);
        Path building = tmp.resolve("volume-" + drawName());
        try {
            Files.createDirectory(building);
            Files.createDirectory(building.resolve(DATA));
            Files.setAttribute(building.resolve(DATA), "unix:mode", DATA_DIR);
            Files.write(building.resolve(RECORD), Json.write(volume));
            Files.setAttribute(building, "unix:mode", VOLUME_DIR);
            Files.move(building, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            return new Created(volume, true);
        } catch (IOException e) {
            Trees.deleteQuietly(building);
            throw new StoreException("create volume " + name + ": " + e.getMessage(), e);
        }
    }

    /** Removes the volume and its files; the caller holds {@link #lock} and has checked that no container uses it. */
    public void delete(String name) throws StoreException {
        Path removing = tmp.resolve("volume-rm-" + drawName());
        try {
            Files.move(dir.resolve(name), removing, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new StoreException("remove volume " + name + ": " + e.getMessage(), e);
        }
        try {
            Trees.delete(removing);
        } catch (IOException e) {
            // Out of volumes/ already: what is left goes with the next clearing of tmp/.
            throw new StoreException("remove volume " + name + ": " + e.getMessage(), e);
        }
    }
}
