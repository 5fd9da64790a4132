package dev.minidocker.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * An OCI image layout written with no daemon: {@code oci-layout}, {@code blobs/sha256/} and an
 * {@code index.json} that names each image by its {@code org.opencontainers.image.ref.name}.
 */
final class OciLayout {
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a layer's tar is stored, with the media type it is announced by. */
    enum Compression {
        GZIP("application/vnd.oci.image.layer.v1.tar+gzip"),
        ZSTD("application/vnd.oci.image.layer.v1.tar+zstd"),
        NONE("application/vnd.oci.image.layer.v1.tar");

        final String mediaType;

        Compression(String mediaType) {
            this.mediaType = mediaType;
        }

        byte[] apply(byte[] tar) {
            return switch (this) {
                case GZIP -> gzip(tar);
                case ZSTD -> Zstd.compress(tar, 3);
                case NONE -> tar;
            };
        }
    }

    /** Where an image runs: {@code os}, {@code architecture} and an optional {@code variant}. */
    record Platform(String os, String architecture, String variant) {
        static final Platform AMD64 = new Platform("linux", "amd64", null);
        static final Platform ARM64 = new Platform("linux", "arm64", "v8");

        void writeTo(ObjectNode node) {
            node.put("architecture", architecture).put("os", os);
            if (variant != null) {
                node.put("variant", variant);
            }
        }
    }

    private final Path directory;
    private final ArrayNode references = JSON.createArrayNode();

    OciLayout(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory.resolve("blobs/sha256"));
            Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeIndex();
    }

    Path directory() {
        return directory;
    }

    /**
     * Writes an image of {@code layers} (uncompressed tars, lowest first), each stored with
     * {@code compression}, and returns its manifest's descriptor.
     */
    ObjectNode image(Platform platform, Compression compression, List<byte[]> layers, List<String> command) {
        ObjectNode runConfig = JSON.createObjectNode();
        runConfig.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        command.forEach(runConfig.putArray("Cmd")::add);
        return image(platform, compression, layers, runConfig);
    }

    /** The same with the image config's {@code config} object as given (Env, Entrypoint, Cmd...). */
    ObjectNode image(Platform platform, Compression compression, List<byte[]> layers, ObjectNode runConfig) {
        ArrayNode history = JSON.createArrayNode();
        for (int i = 0; i < layers.size(); i++) {
            history.addObject().put("created", LayerTar.MTIME.toString())
                    .put("created_by", "minidocker integration tests");
        }
        return image(platform, compression, layers, runConfig, history, LayerTar.MTIME.toString());
    }

    /** The same with the config's {@code history} (one step per layer, and those with {@code empty_layer}) and {@code created}. */
    ObjectNode image(Platform platform, Compression compression, List<byte[]> layers, ObjectNode runConfig,
            ArrayNode history, String created) {
        ObjectNode config = JSON.createObjectNode().put("created", created);
        platform.writeTo(config);
        config.set("config", runConfig);
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        config.set("history", history);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MANIFEST);
        ArrayNode layerDescriptors = JSON.createArrayNode();
        for (byte[] layer : layers) {
            diffIds.add(digest(layer));
            layerDescriptors.add(blob(compression.mediaType, compression.apply(layer)));
        }
        manifest.set("config", blob(CONFIG, json(config)));
        manifest.set("layers", layerDescriptors);
        ObjectNode descriptor = blob(MANIFEST, json(manifest));
        platform.writeTo(descriptor.putObject("platform"));
        return descriptor;
    }

    /** Writes an image index of {@code manifests} (descriptors with their platform). */
    ObjectNode index(List<ObjectNode> manifests) {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", INDEX);
        index.putArray("manifests").addAll(manifests);
        return blob(INDEX, json(index));
    }

    /** Names {@code descriptor} {@code reference} in index.json, for skopeo and umoci. */
    void tag(String reference, ObjectNode descriptor) {
        ObjectNode entry = descriptor.deepCopy();
        entry.remove("platform");
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", reference);
        references.add(entry);
        writeIndex();
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode blob(String mediaType, byte[] content) {
        String digest = digest(content);
        try {
            Files.write(directory.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", content.length);
    }

    private void writeIndex() {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", INDEX);
        index.set("manifests", references);
        try {
            Files.write(directory.resolve("index.json"), json(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
