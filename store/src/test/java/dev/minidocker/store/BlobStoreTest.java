package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    private static final byte[] CONTENT = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.of(CONTENT);

    @TempDir
    Path root;
    private BlobStore blobs;

    @BeforeEach
    void open() throws StoreException {
        blobs = Store.open(root, notice -> { }).blobs();
    }

    private Path blobFile() {
        return root.resolve("blobs/sha256/" + DIGEST.hex());
    }

    private Path partialFile() {
        return root.resolve("tmp/ingest/" + DIGEST.hex());
    }

    private void assertNothingLeft() throws IOException {
        assertFalse(blobs.has(DIGEST));
        assertFalse(Files.exists(blobFile()));
        try (var partials = Files.list(root.resolve("tmp/ingest"))) {
            assertEquals(List.of(), partials.toList());
        }
    }

    @Test
    void putStoresVerifiedBytesUnderTheirDigest() throws Exception {
        blobs.put(DIGEST, CONTENT);
        assertTrue(blobs.has(DIGEST));
        assertEquals(blobFile(), blobs.path(DIGEST));
        assertArrayEquals(CONTENT, Files.readAllBytes(blobFile()));
        assertArrayEquals(CONTENT, blobs.read(DIGEST));
        assertEquals(CONTENT.length, blobs.size(DIGEST));
        assertEquals(List.of(DIGEST), blobs.list());
    }

    @Test
    void putTwiceIsNotAnError() throws Exception {
        blobs.put(DIGEST, CONTENT);
        blobs.put(DIGEST, CONTENT);
        assertArrayEquals(CONTENT, blobs.read(DIGEST));
    }

    @Test
    void putRefusesBytesThatAreNotTheDigest() throws Exception {
        byte[] other = "something else".getBytes(StandardCharsets.UTF_8);
        StoreException e = assertThrows(StoreException.class, () -> blobs.put(DIGEST, other));
        assertEquals("verify blob " + DIGEST + ": digest mismatch, got " + Digest.of(other), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void ingestWritesToTmpAndCommitRenamesIntoBlobs() throws Exception {
        try (BlobIngest ingest = blobs.ingest(DIGEST, CONTENT.length)) {
            assertFalse(ingest.isComplete());
            assertEquals(0, ingest.offset());
            ingest.output().write(CONTENT);
            assertEquals(CONTENT.length, ingest.offset());
            assertTrue(Files.exists(partialFile()));
            assertFalse(blobs.has(DIGEST), "never a partial blob under its final name");
            ingest.commit();
            assertTrue(ingest.isComplete());
        }
        assertArrayEquals(CONTENT, Files.readAllBytes(blobFile()));
        assertFalse(Files.exists(partialFile()));
    }

    @Test
    void ingestOfUnknownSizeChecksTheDigestOnly() throws Exception {
        try (BlobIngest ingest = blobs.ingest(DIGEST, -1)) {
            ingest.output().write(CONTENT);
            ingest.commit();
        }
        assertTrue(blobs.has(DIGEST));
    }

    @Test
    void ingestOfAPresentBlobIsComplete() throws Exception {
        blobs.put(DIGEST, CONTENT);
        try (BlobIngest ingest = blobs.ingest(DIGEST, CONTENT.length)) {
            assertTrue(ingest.isComplete());
            ingest.commit();
        }
        assertFalse(Files.exists(partialFile()));
    }

    @Test
    void tooFewBytesDeleteThePartial() throws Exception {
        try (BlobIngest ingest = blobs.ingest(DIGEST, CONTENT.length)) {
            ingest.output().write(CONTENT, 0, 10);
            StoreException e = assertThrows(StoreException.class, ingest::commit);
            assertEquals("verify blob " + DIGEST + ": size mismatch, got 10 bytes, want " + CONTENT.length,
                    e.getMessage());
        }
        assertNothingLeft();
    }

    @Test
    void tooManyBytesAreRefusedAsTheyArrive() throws Exception {
        try (BlobIngest ingest = blobs.ingest(DIGEST, 10)) {
            IOException e = assertThrows(IOException.class, () -> ingest.output().write(CONTENT));
            assertEquals("blob " + DIGEST + " is longer than the 10 bytes its descriptor says", e.getMessage());
            assertEquals(0, ingest.offset());
        }
        assertFalse(blobs.has(DIGEST));
    }

    @Test
    void wrongBytesDeleteThePartial() throws Exception {
        byte[] wrong = CONTENT.clone();
        wrong[wrong.length - 1] = '!';
        try (BlobIngest ingest = blobs.ingest(DIGEST, CONTENT.length)) {
            ingest.output().write(wrong);
            StoreException e = assertThrows(StoreException.class, ingest::commit);
            assertEquals("verify blob " + DIGEST + ": digest mismatch, got " + Digest.of(wrong), e.getMessage());
        }
        assertNothingLeft();
    }

    @Test
    void anInterruptedIngestIsResumedFromItsOffset() throws Exception {
        int half = CONTENT.length / 2;
        try (BlobIngest first = blobs.ingest(DIGEST, CONTENT.length)) {
            first.output().write(CONTENT, 0, half);
        }
        assertEquals(half, Files.size(partialFile()), "the partial stays in tmp/ingest");
        assertFalse(blobs.has(DIGEST));

        try (BlobIngest second = blobs.ingest(DIGEST, CONTENT.length)) {
            assertFalse(second.isComplete());
            assertEquals(half, second.offset());
            try (InputStream soFar = second.writtenSoFar()) {
                assertArrayEquals(java.util.Arrays.copyOf(CONTENT, half), soFar.readAllBytes());
            }
            second.output().write(CONTENT, half, CONTENT.length - half);
            second.commit();
        }
        assertArrayEquals(CONTENT, blobs.read(DIGEST));
    }

    @Test
    void writtenSoFarReadsByteByByteToo() throws Exception {
        try (BlobIngest first = blobs.ingest(DIGEST, CONTENT.length)) {
            first.output().write(CONTENT, 0, 3);
        }
        try (BlobIngest second = blobs.ingest(DIGEST, CONTENT.length);
                InputStream soFar = second.writtenSoFar()) {
            assertEquals(CONTENT[0], soFar.read());
            assertEquals(CONTENT[1], soFar.read());
            assertEquals(CONTENT[2], soFar.read());
            assertEquals(-1, soFar.read());
        }
    }

    @Test
    void aPartialLongerThanTheBlobIsStartedAgain() throws Exception {
        Files.write(partialFile(), new byte[CONTENT.length + 5]);
        try (BlobIngest ingest = blobs.ingest(DIGEST, CONTENT.length)) {
            assertEquals(0, ingest.offset());
            ingest.output().write(CONTENT);
            ingest.commit();
        }
        assertArrayEquals(CONTENT, blobs.read(DIGEST));
    }

    @Test
    void restartDropsWhatWasWritten() throws Exception {
        try (BlobIngest ingest = blobs.ingest(DIGEST, CONTENT.length)) {
            ingest.output().write("garbage".getBytes(StandardCharsets.UTF_8));
            ingest.restart();
            assertEquals(0, ingest.offset());
            ingest.output().write(CONTENT);
            ingest.commit();
        }
        assertArrayEquals(CONTENT, blobs.read(DIGEST));
    }

    @Test
    void concurrentIngestsOfOneBlobWriteItOnce() throws Exception {
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger sawComplete = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try (BlobIngest ingest = blobs.ingest(DIGEST, CONTENT.length)) {
                        if (ingest.isComplete()) {
                            sawComplete.incrementAndGet();
                        } else {
                            writers.incrementAndGet();
                            ingest.output().write(CONTENT);
                            ingest.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<Object> r : results) {
                r.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, writers.get());
        assertEquals(threads - 1, sawComplete.get());
        assertArrayEquals(CONTENT, blobs.read(DIGEST));
    }

    @Test
    void readingAMissingBlobSaysSo() {
        StoreException e = assertThrows(StoreException.class, () -> blobs.read(DIGEST));
        assertEquals("read blob " + DIGEST + ": not in the store", e.getMessage());
    }

    @Test
    void deleteRemovesAndIsIdempotent() throws Exception {
        blobs.put(DIGEST, CONTENT);
        blobs.delete(DIGEST);
        assertFalse(blobs.has(DIGEST));
        blobs.delete(DIGEST);
        assertEquals(List.of(), blobs.list());
        assertEquals(0, blobs.size(DIGEST));
    }
}
