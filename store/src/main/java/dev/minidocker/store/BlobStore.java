package dev.minidocker.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Blobs by digest under {@code blobs/sha256/<hex>}; a blob is only ever there whole and verified. */
public final class BlobStore {
    private final Path dir;
    private final Path ingestDir;
    private final Locks locks;

    BlobStore(Path dir, Path ingestDir, Locks locks) {
        this.dir = dir;
        this.ingestDir = ingestDir;
        this.locks = locks;
    }

    public Path path(Digest digest) {
        return dir.resolve(digest.hex());
    }

    public boolean has(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    public byte[] read(Digest digest) throws StoreException {
        try {
            return Files.readAllBytes(path(digest));
        } catch (NoSuchFileException e) {
            throw new StoreException("read blob " + digest + ": not in the store");
        } catch (IOException e) {
            throw new StoreException("read blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Stores bytes already in memory (manifests, configs) after checking them against {@code expected}. */
    public void put(Digest expected, byte[] bytes) throws StoreException {
        try (BlobIngest ingest = ingest(expected, bytes.length)) {
            if (ingest.isComplete()) {
                return;
            }
            ingest.restart();
            ingest.output().write(bytes);
            ingest.commit();
        } catch (IOException e) {
            throw new StoreException("write blob " + expected + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts (or resumes) writing the blob {@code expected} of {@code size} bytes ({@code -1} if not
     * known). The ingest holds the blob's lock until closed, so two pulls of one blob write it once:
     * the second finds {@link BlobIngest#isComplete()}.
     */
    public BlobIngest ingest(Digest expected, long size) throws StoreException {
        Locks.Held lock = locks.exclusive("blob-" + expected.hex());
        try {
            return new BlobIngest(expected, size, ingestDir.resolve(expected.hex()), path(expected), lock);
        } catch (StoreException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public void delete(Digest digest) throws StoreException {
        try {
            Files.deleteIfExists(path(digest));
        } catch (IOException e) {
            throw new StoreException("delete blob " + digest + ": " + e.getMessage(), e);
        }
    }

    public long size(Digest digest) {
        try {
            return Files.size(path(digest));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Every blob in the store. */
    public List<Digest> list() throws StoreException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.length() == 64)
                    .map(hex -> new Digest("sha256", hex)).toList();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new StoreException("list blobs in " + dir + ": " + e.getMessage(), e);
        }
    }
}
