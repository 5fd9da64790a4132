package dev.minidocker.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.it.OciLayout.Compression;
import dev.minidocker.it.OciLayout.Platform;
import dev.minidocker.it.TestImage.Push;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test images, built with no daemon into one OCI layout, pushed with skopeo and unpacked with
 * umoci as the reference a pull is compared with. Build once per test class: {@link #close()}
 * removes the layout and the unpacked trees.
 */
final class TestImages implements AutoCloseable {
    static final TestImage BUSYBOX = new TestImage("busybox", "latest", "busybox", Push.DOCKER, "busybox");
    static final TestImage HELLO = new TestImage("hello", "latest", "hello", Push.OCI, "hello");
    static final TestImage LAYERS = new TestImage("layers", "latest", "layers", Push.OCI, "layers");
    static final TestImage LAYERS_DOCKER = new TestImage("layers", "docker", "layers", Push.DOCKER, "layers");
    /** umoci 0.4.7 refuses zstd: the expected tree is that of the gzip twin. */
    static final TestImage LAYERS_ZSTD = new TestImage("layers", "zstd", "layers-zstd", Push.OCI, "layers");
    static final TestImage LAYERS_UNCOMPRESSED =
            new TestImage("layers", "uncompressed", "layers-uncompressed", Push.OCI, "layers-uncompressed");
    static final TestImage MULTI = new TestImage("multi", "latest", "multi", Push.OCI_INDEX, "multi-amd64");
    static final TestImage MULTI_DOCKER = new TestImage("multi", "docker", "multi", Push.DOCKER_LIST, "multi-amd64");
    /** The arm64 manifest of {@link #MULTI}, for {@code --platform linux/arm64}. */
    static final String MULTI_ARM64 = "multi-arm64";

    private static final List<String> SHELL = List.of("sh");

    private final Path directory;
    private final OciLayout layout;
    private final Map<String, Path> unpacked = new HashMap<>();

    private TestImages(Path directory) {
        this.directory = directory;
        this.layout = new OciLayout(directory.resolve("layout"));
    }

    /** Every image pushed by {@link #pushAll}. */
    static List<TestImage> all() {
        return List.of(BUSYBOX, HELLO, LAYERS, LAYERS_DOCKER, LAYERS_ZSTD, LAYERS_UNCOMPRESSED, MULTI, MULTI_DOCKER);
    }

    /** Builds every image; takes about a second (most of it {@code gcc -static}). */
    static TestImages build() {
        TestImages images = new TestImages(TempDirs.create("images"));
        try {
            images.buildAll();
            return images;
        } catch (RuntimeException e) {
            images.close();
            throw e;
        }
    }

    /** The OCI layout holding every image, named by its layout reference. */
    Path layout() {
        return layout.directory();
    }

    /** Pushes every image to {@code registry}; returns each pushed manifest's (or index's) digest. */
    Map<TestImage, String> pushAll(TestRegistry registry) {
        Map<TestImage, String> digests = new HashMap<>();
        for (TestImage image : all()) {
            digests.put(image, push(image, registry));
        }
        return digests;
    }

    /** Pushes one image with skopeo and returns the digest of what the registry stored. */
    String push(TestImage image, TestRegistry registry) {
        Path digestFile = directory.resolve("digest");
        List<String> command = new ArrayList<>(List.of("--insecure-policy", "copy", "--quiet",
                "--dest-tls-verify=false", "--digestfile", digestFile.toString()));
        if (registry.mode() == TestRegistry.Mode.BASIC_AUTH) {
            command.addAll(List.of("--dest-creds", TestRegistry.USERNAME + ":" + TestRegistry.PASSWORD));
        }
        command.addAll(switch (image.push()) {
            case OCI -> List.of("--preserve-digests");
            case DOCKER -> List.of("--format", "v2s2");
            case OCI_INDEX -> List.of("--all", "--preserve-digests");
            case DOCKER_LIST -> List.of("--all", "--format", "v2s2");
        });
        command.add("oci:" + layout() + ":" + image.source());
        command.add("docker://" + image.at(registry));
        Skopeo.run(command);
        try {
            return Files.readString(digestFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root filesystem {@code umoci unpack} makes of a layout reference; unpacked once. */
    Path expectedTree(String layoutReference) {
        return unpacked.computeIfAbsent(layoutReference, reference -> {
            Path bundle = directory.resolve("unpacked").resolve(reference);
            HostCommand.check("umoci", "unpack", "--image", layout() + ":" + reference, bundle.toString());
            return bundle.resolve("rootfs");
        });
    }

    Path expectedTree(TestImage image) {
        return expectedTree(image.expectedTree());
    }

    @Override
    public void close() {
        TempDirs.delete(directory);
    }

    private void buildAll() {
        layout.tag("busybox", layout.image(Platform.AMD64, Compression.GZIP, List.of(busybox()), SHELL));
        layout.tag("hello", layout.image(Platform.AMD64, Compression.GZIP, List.of(hello()), List.of("/hello")));
        List<byte[]> layers = FidelityLayers.tars();
        layout.tag("layers", layout.image(Platform.AMD64, Compression.GZIP, layers, SHELL));
        layout.tag("layers-zstd", layout.image(Platform.AMD64, Compression.ZSTD, layers, SHELL));
        layout.tag("layers-uncompressed", layout.image(Platform.AMD64, Compression.NONE, layers, SHELL));
        ObjectNode amd64 = layout.image(Platform.AMD64, Compression.GZIP, List.of(architecture("amd64")), SHELL);
        ObjectNode arm64 = layout.image(Platform.ARM64, Compression.GZIP, List.of(architecture("arm64")), SHELL);
        layout.tag("multi-amd64", amd64);
        layout.tag(MULTI_ARM64, arm64);
        layout.tag("multi", layout.index(List.of(amd64, arm64)));
    }

    /** /bin/busybox of busybox-static and a symlink to it for every applet it lists. */
    static byte[] busybox() {
        LayerTar tar = new LayerTar().dir("bin", 0755);
        try {
            tar.file("bin/busybox", 0755, 0, 0, Files.readAllBytes(Path.of("/bin/busybox")));
        } catch (IOException e) {
            throw new UncheckedIOException("read /bin/busybox (package busybox-static)", e);
        }
        for (String applet : HostCommand.check("/bin/busybox", "--list").stdoutLines()) {
            if (!applet.equals("busybox")) {
                tar.symlink("bin/" + applet, "busybox");
            }
        }
        return tar.dir("etc", 0755)
                .file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n")
                .file("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n")
                .dir("root", 0700).dir("tmp", 01777)
                .bytes();
    }

    /** A static C program that greets, the way the hello-world image does. */
    private byte[] hello() {
        Path source = directory.resolve("hello.c");
        Path binary = directory.resolve("hello");
        try {
            Files.writeString(source, """
                    #include <stdio.h>
                    int main(void) {
                        puts("Hello from a minidocker test image!");
                        return 0;
                    }
                    """);
            HostCommand.check("gcc", "-static", "-Os", "-s", "-o", binary.toString(), source.toString());
            return new LayerTar().file("hello", 0755, 0, 0, Files.readAllBytes(binary)).bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] architecture(String name) {
        return new LayerTar().dir("etc", 0755).file("etc/architecture", 0644, name + "\n").bytes();
    }
}
