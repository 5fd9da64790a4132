package dev.minidocker.puller;

import dev.minidocker.puller.progress.LayerState;
import dev.minidocker.puller.progress.PullProgress;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.store.BlobIngest;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.LayerStore.LayerInfo;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.oci.Descriptor;
import dev.minidocker.store.oci.LayerCompression;
import dev.minidocker.store.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pulls one layer: the blob is downloaded into the store and, in the same pass, decompressed and
 * unpacked by a second thread that reads the bytes through a {@link BytePipe}. The blob is
 * verified by its digest, the unpacked stream by the diff-id from the config.
 */
final class LayerPull {
    private final Store store;
    private final RegistryClient registry;
    private final ImageReference ref;
    private final PullProgress progress;
    private final ExecutorService unpackers;

    LayerPull(Store store, RegistryClient registry, ImageReference ref, PullProgress progress, ExecutorService unpackers) {
        this.store = store;
        this.registry = registry;
        this.ref = ref;
        this.progress = progress;
        this.unpackers = unpackers;
    }

    ImageRecord.Layer pull(Descriptor blob, Digest diffId) throws PullException, StoreException {
        LayerCompression compression;
        try {
            compression = MediaTypes.layerCompression(blob.mediaType());
        } catch (IllegalArgumentException e) {
            throw new PullException("pull layer " + blob.digest() + " of " + ref + ": " + e.getMessage());
        }
        ImageRecord.Layer layer = new ImageRecord.Layer(blob.digest(), blob.mediaType(), blob.size(), diffId);
        if (store.layers().has(diffId) && store.blobs().has(blob.digest())) {
            progress.layer(blob.digest(), LayerState.ALREADY_EXISTS, 0, 0);
            return layer;
        }
        try (BlobIngest ingest = store.blobs().ingest(blob.digest(), blob.size())) {
            if (ingest.isComplete()) {
                unpackStoredBlob(blob, diffId, compression);
            } else if (store.layers().has(diffId)) {
                download(blob, ingest, ingest.output());
                ingest.commit();
            } else {
                downloadAndUnpack(blob, diffId, compression, ingest);
            }
        }
        progress.layer(blob.digest(), LayerState.PULL_COMPLETE, blob.size(), blob.size());
        return layer;
    }

    /** The blob is here (an earlier pull was killed after downloading it): only unpack. */
    private void unpackStoredBlob(Descriptor blob, Digest diffId, LayerCompression compression)
            throws PullException, StoreException {
        progress.layer(blob.digest(), LayerState.EXTRACTING, 0, 0);
        try (InputStream in = Decompression.open(compression, Files.newInputStream(store.blobs().path(blob.digest())))) {
            store.layers().unpack(diffId, in);
        } catch (IOException e) {
            throw new PullException("unpack layer " + blob.digest() + " of " + ref + ": " + e.getMessage(), e);
        }
    }

    private void downloadAndUnpack(Descriptor blob, Digest diffId, LayerCompression compression, BlobIngest ingest)
            throws PullException, StoreException {
        BytePipe pipe = new BytePipe();
        Future<LayerInfo> unpacked = unpackers.submit(() -> unpack(pipe, diffId, compression));
        try {
            OutputStream toPipe = pipe.sink();
            if (ingest.offset() > 0) {
                // Resuming an interrupted download: the unpacker needs the bytes from the start.
                try (InputStream before = ingest.writtenSoFar()) {
                    before.transferTo(toPipe);
                }
            }
            download(blob, ingest, new Tee(ingest.output(), toPipe));
            ingest.commit();
            pipe.finish();
        } catch (PullException | StoreException | IOException | RuntimeException e) {
            pipe.fail(e);
            Throwable unpackError = waitQuietly(unpacked);
            if (e instanceof BytePipe.ConsumerFailedException && unpackError != null) {
                throw asPullException(blob, unpackError);
            }
            throw asPullException(blob, e);
        }
        progress.layer(blob.digest(), LayerState.EXTRACTING, blob.size(), blob.size());
        try {
            unpacked.get();
        } catch (ExecutionException e) {
            throw asPullException(blob, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullException("pull layer " + blob.digest() + " of " + ref + ": interrupted", e);
        }
    }

    private LayerInfo unpack(BytePipe pipe, Digest diffId, LayerCompression compression) throws Exception {
        InputStream source = pipe.source();
        try {
            LayerInfo info = store.layers().unpack(diffId, Decompression.open(compression, source));
            // Whatever follows the compressed stream must still be taken, or the downloader blocks.
            source.transferTo(OutputStream.nullOutputStream());
            return info;
        } catch (Exception | Error e) {
            pipe.abandon(e);
            throw e;
        }
    }

    private void download(Descriptor blob, BlobIngest ingest, OutputStream out) throws PullException {
        AtomicLong done = new AtomicLong(ingest.offset());
        progress.layer(blob.digest(), LayerState.DOWNLOADING, done.get(), blob.size());
        registry.getBlob(ref, blob.digest(), ingest.offset(), blob.size(), out,
                n -> progress.layer(blob.digest(), LayerState.DOWNLOADING, done.addAndGet(n), blob.size()));
        progress.layer(blob.digest(), LayerState.DOWNLOAD_COMPLETE, blob.size(), blob.size());
    }

    private static Throwable waitQuietly(Future<?> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private PullException asPullException(Descriptor blob, Throwable t) {
        if (t instanceof PullException p) {
            return p;
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        if (t instanceof StoreException) {
            return new PullException(message, t);
        }
        return new PullException("pull layer " + blob.digest() + " of " + ref + ": " + message, t);
    }

    /** Writes every byte to the blob file first, then to the unpacker. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }
    }
}
