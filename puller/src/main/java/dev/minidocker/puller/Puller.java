package dev.minidocker.puller;

import dev.minidocker.puller.progress.LayerState;
import dev.minidocker.puller.progress.PullProgress;
import dev.minidocker.puller.registry.Manifests;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.spec.json.FromJson;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.Locks;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.TagEntry;
import dev.minidocker.store.oci.Descriptor;
import dev.minidocker.store.oci.ImageConfig;
import dev.minidocker.store.oci.ImageIndex;
import dev.minidocker.store.oci.ImageManifest;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pulls an image into the store: resolve the reference, pick the platform's manifest, fetch the
 * config, then the layers in parallel (bounded), each downloaded and unpacked in one pass. The
 * reference is tagged last, so a failed or killed pull never names a half-pulled image.
 */
public final class Puller {
    private static final int MAX_CONFIG_BYTES = 8 << 20;
    private final Store store;
    private final RegistryClient registry;
    private final PullOptions options;
    private final PullProgress progress;

    public Puller(Store store, RegistryClient registry, PullOptions options, PullProgress progress) {
        this.store = store;
        this.registry = registry;
        this.options = options;
        this.progress = progress;
    }

    public PullResult pull(ImageReference ref) throws PullException {
        try (Locks.Held pulling = store.pulling()) {
            progress.start(ref);
            Optional<PullResult> present = presentAndCurrent(ref);
            if (present.isPresent()) {
                progress.finish(ref, present.get().digest(), true);
                return present.get();
            }
            Manifests.Fetched top = registry.getManifest(ref);
            store.blobs().put(top.digest(), top.body());
            Manifests.Fetched manifestDoc = resolvePlatform(ref, top);
            ImageManifest manifest = parse(ref, manifestDoc, ImageManifest::fromJson);
            if (manifest.config() == null) {
                throw new PullException("pull " + ref + ": manifest " + manifestDoc.digest() + " has no config");
            }
            ImageConfig config = parse(ref, fetchConfig(ref, manifest.config()), manifest.config().digest());
            warnOnOtherPlatform(config);
            List<ImageRecord.Layer> layers = pullLayers(ref, manifest, config);
            ImageRecord image = new ImageRecord(manifest.config().digest(), manifestDoc.digest(),
                    manifestDoc.mediaType(), new Platform(config.os(), config.architecture(), config.variant()),
                    config.created(), layers, unpackedSize(layers));
            store.images().save(image);
            store.images().tag(ref, new TagEntry(top.digest(), image.id()));
            progress.finish(ref, top.digest(), false);
            return new PullResult(ref, top.digest(), image, false);
        } catch (StoreException e) {
            throw new PullException(e.getMessage(), e);
        }
    }

    /**
     * The image is in the store and the registry still names the same digest: nothing to fetch.
     * A reference by digest cannot change, so it needs no network at all.
     */
    private Optional<PullResult> presentAndCurrent(ImageReference ref) throws PullException, StoreException {
        Optional<TagEntry> known = store.images().lookup(ref);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Optional<ImageRecord> image = store.images().get(known.get().image());
        if (image.isEmpty() || !image.get().diffIds().stream().allMatch(store.layers()::has)) {
            return Optional.empty();
        }
        if (ref.digest() == null) {
            Optional<Digest> remote = registry.headManifest(ref);
            if (remote.isEmpty() || !remote.get().equals(known.get().digest())) {
                return Optional.empty();
            }
        }
        return Optional.of(new PullResult(ref, known.get().digest(), image.get(), true));
    }

    private Manifests.Fetched resolvePlatform(ImageReference ref, Manifests.Fetched doc)
            throws PullException, StoreException {
        for (int depth = 0; MediaTypes.INDEXES.contains(doc.mediaType()); depth++) {
            if (depth > 4) {
                throw new PullException("pull " + ref + ": indexes nested deeper than 4 levels");
            }
            Descriptor chosen = PlatformSelector.select(parse(ref, doc, ImageIndex::fromJson), options.platform(),
                    ref.toString());
            doc = registry.getManifest(ref.withDigest(chosen.digest()));
            store.blobs().put(doc.digest(), doc.body());
        }
        if (!MediaTypes.MANIFESTS.contains(doc.mediaType())) {
            throw new PullException("pull " + ref + ": unsupported manifest media type \"" + doc.mediaType() + "\"");
        }
        return doc;
    }

    /** A single-platform image for another platform still pulls, with Docker's warning: it may not run here. */
    private void warnOnOtherPlatform(ImageConfig config) {
        if (config.os() == null || config.architecture() == null) {
            return;
        }
        Platform image = new Platform(config.os(), config.architecture(), config.variant());
        if (!options.platform().matches(image)) {
            progress.warn("The requested image's platform (" + image + ") does not match the requested platform ("
                    + options.platform() + ")");
        }
    }

    private byte[] fetchConfig(ImageReference ref, Descriptor config) throws PullException, StoreException {
        if (store.blobs().has(config.digest())) {
            return store.blobs().read(config.digest());
        }
        if (config.size() > MAX_CONFIG_BYTES) {
            throw new PullException("pull config " + config.digest() + " of " + ref + ": " + config.size()
                    + " bytes is more than an image config should be");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(0, config.size()));
        registry.getBlob(ref, config.digest(), 0, config.size(), bytes, n -> { });
        store.blobs().put(config.digest(), bytes.toByteArray());
        return bytes.toByteArray();
    }

    private List<ImageRecord.Layer> pullLayers(ImageReference ref, ImageManifest manifest, ImageConfig config)
            throws PullException, StoreException {
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new PullException("pull " + ref + ": the manifest has " + manifest.layers().size()
                    + " layers but the config lists " + diffIds.size() + " diff_ids");
        }
        manifest.layers().forEach(l -> progress.layer(l.digest(), LayerState.WAITING, 0, l.size()));
        List<Future<ImageRecord.Layer>> pulls = new ArrayList<>();
        try (ExecutorService downloads = Executors.newFixedThreadPool(options.maxConcurrentDownloads(),
                Thread.ofPlatform().daemon().name("download-", 0).factory());
                ExecutorService unpackers = Executors.newVirtualThreadPerTaskExecutor()) {
            LayerPull layerPull = new LayerPull(store, registry, ref, progress, unpackers);
            for (int i = 0; i < diffIds.size(); i++) {
                Descriptor blob = manifest.layers().get(i);
                Digest diffId = diffIds.get(i);
                pulls.add(downloads.submit(() -> layerPull.pull(blob, diffId)));
            }
            List<ImageRecord.Layer> layers = new ArrayList<>();
            try {
                for (Future<ImageRecord.Layer> pull : pulls) {
                    layers.add(pull.get());
                }
            } catch (ExecutionException e) {
                pulls.forEach(p -> p.cancel(true));
                throw rethrow(e.getCause());
            } catch (InterruptedException e) {
                pulls.forEach(p -> p.cancel(true));
                Thread.currentThread().interrupt();
                throw new PullException("pull " + ref + ": interrupted", e);
            }
            return layers;
        }
    }

    private static PullException rethrow(Throwable cause) {
        if (cause instanceof PullException p) {
            return p;
        }
        return new PullException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    }

    private long unpackedSize(List<ImageRecord.Layer> layers) throws StoreException {
        long size = 0;
        for (ImageRecord.Layer l : layers) {
            size += store.layers().info(l.diffId()).size();
        }
        return size;
    }

    private static <T> T parse(ImageReference ref, Manifests.Fetched doc, FromJson<T> reader) throws PullException {
        try {
            return JsonObject.read(doc.body(), reader);
        } catch (IOException e) {
            throw new PullException("pull " + ref + ": malformed manifest " + doc.digest() + ": " + e.getMessage(), e);
        }
    }

    private static ImageConfig parse(ImageReference ref, byte[] config, Digest digest) throws PullException {
        try {
            return JsonObject.read(config, ImageConfig::fromJson);
        } catch (IOException e) {
            throw new PullException("pull " + ref + ": malformed config " + digest + ": " + e.getMessage(), e);
        }
    }
}
