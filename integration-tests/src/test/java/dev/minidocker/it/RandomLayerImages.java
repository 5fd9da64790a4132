package dev.minidocker.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.it.OciLayout.Compression;
import dev.minidocker.it.OciLayout.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Images whose layers each hold one file of random, so incompressible, bytes: a layer of N bytes
 * is a blob of about N bytes whatever the compression, which makes the time a throttled pull takes
 * predictable. Built into an OCI layout of their own; {@link #close()} removes it.
 */
final class RandomLayerImages implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One layer's file: where it lies in the image and what it holds. */
    record RandomFile(String path, byte[] content) {
        /** {@code size} bytes drawn from {@code seed}: the same seed gives the same layer. */
        static RandomFile of(String path, int size, long seed) {
            byte[] content = new byte[size];
            new Random(seed).nextBytes(content);
            return new RandomFile(path, content);
        }

        byte[] layerTar() {
            int slash = path.lastIndexOf('/');
            LayerTar tar = new LayerTar();
            if (slash > 0) {
                tar.dir(path.substring(0, slash), 0755);
            }
            return tar.file(path, 0644, 0, 0, content).bytes();
        }
    }

    /**
     * An image of the layout: its layout name, the digests of its manifest, config and layer blobs
     * (lowest first), the layer blobs' sizes, and the files its layers hold.
     */
    record Image(String name, String manifest, String config, List<String> layerBlobs, List<Long> layerSizes,
            List<RandomFile> files) {

        /** The digests of every blob a pull stores: manifest, config, layers. */
        List<String> blobs() {
            return Stream.concat(Stream.of(manifest, config), layerBlobs.stream()).toList();
        }

        long layerBytes() {
            return layerSizes.stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Path directory;
    private final OciLayout layout;

    private RandomLayerImages(Path directory) {
        this.directory = directory;
        this.layout = new OciLayout(directory.resolve("layout"));
    }

    static RandomLayerImages create() {
        return new RandomLayerImages(TempDirs.create("random-images"));
    }

    /** Writes an image of one gzip layer per file, lowest first, named {@code name} in the layout. */
    Image build(String name, List<RandomFile> files) {
        List<byte[]> tars = files.stream().map(RandomFile::layerTar).toList();
        ObjectNode descriptor = layout.image(Platform.AMD64, Compression.GZIP, tars, List.of("sh"));
        layout.tag(name, descriptor);
        String manifestDigest = descriptor.path("digest").asText();
        JsonNode manifest = readBlob(manifestDigest);
        List<JsonNode> layers = manifest.path("layers").valueStream().toList();
        return new Image(name, manifestDigest, manifest.path("config").path("digest").asText(),
                layers.stream().map(layer -> layer.path("digest").asText()).toList(),
                layers.stream().map(layer -> layer.path("size").asLong()).toList(), files);
    }

    /** Pushes {@code image} as {@code repositoryAndTag}, digests kept. */
    void push(Image image, TestRegistry registry, String repositoryAndTag) {
        Skopeo.run(List.of("--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false", "--preserve-digests",
                "oci:" + layout.directory() + ":" + image.name(),
                "docker://" + registry.address() + "/" + repositoryAndTag));
    }

    @Override
    public void close() {
        TempDirs.delete(directory);
    }

    private JsonNode readBlob(String digest) {
        try {
            return JSON.readTree(Files.readAllBytes(blobFile(digest)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path blobFile(String digest) {
        return layout.directory().resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }
}
