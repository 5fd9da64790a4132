package dev.minidocker.it;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.it.OciLayout.Compression;
import dev.minidocker.it.OciLayout.Platform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The images the run tests start containers from, built once per test class and pushed to a
 * registry of its own: busybox with users (root, {@code bob} uid 1000 in {@code staff} gid 50,
 * {@code nobody}), the same with {@code ENTRYPOINT ["/bin/echo","ep"]} and {@code CMD ["cmd"]},
 * the same with no {@code Env} at all, and the same as a web server on port 80, which it EXPOSEs.
 * Register as a static field:
 * {@code @RegisterExtension static final RunImages IMAGES = new RunImages();}
 */
final class RunImages implements BeforeAllCallback, AfterAllCallback {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final String BUSYBOX = "run-busybox";
    private static final String ECHO = "run-echo";
    private static final String NO_PATH = "run-no-path";
    private static final String WEB = "run-web";

    private LayoutRegistry images;

    @Override
    public void beforeAll(ExtensionContext context) {
        images = new LayoutRegistry("run-images");
        try {
            OciLayout layout = images.layout();
            List<byte[]> layers = List.of(TestImages.busybox(), users());
            layout.tag(BUSYBOX, layout.image(Platform.AMD64, Compression.GZIP, layers, List.of("sh")));
            ObjectNode echo = runConfig(true);
            echo.putArray("Entrypoint").add("/bin/echo").add("ep");
            echo.putArray("Cmd").add("cmd");
            layout.tag(ECHO, layout.image(Platform.AMD64, Compression.GZIP, layers, echo));
            ObjectNode noPath = runConfig(false);
            noPath.putArray("Cmd").add("sh");
            layout.tag(NO_PATH, layout.image(Platform.AMD64, Compression.GZIP, layers, noPath));
            ObjectNode web = runConfig(true);
            web.putObject("ExposedPorts").putObject("80/tcp");
            web.putArray("Cmd").add("httpd").add("-f").add("-p").add("80").add("-h").add("/etc");
            layout.tag(WEB, layout.image(Platform.AMD64, Compression.GZIP, layers, web));
            images.push(BUSYBOX, ECHO, NO_PATH, WEB);
            HostCommand.check("umoci", "unpack", "--image", layout.directory() + ":" + BUSYBOX,
                    images.directory().resolve("bundle").toString());
        } catch (RuntimeException e) {
            afterAll(context);
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        images.close();
    }

    /** busybox with /etc/passwd and /etc/group naming root, bob (1000:50, staff) and nobody. */
    String busybox() {
        return reference(BUSYBOX);
    }

    /** {@code ENTRYPOINT ["/bin/echo","ep"]}, {@code CMD ["cmd"]}. */
    String echo() {
        return reference(ECHO);
    }

    /** The busybox image with no {@code Env}: no PATH of its own. */
    String noPath() {
        return reference(NO_PATH);
    }

    /** busybox's httpd serving /etc on port 80, which the image EXPOSEs ({@code CMD httpd -f -p 80 -h /etc}). */
    String web() {
        return reference(WEB);
    }

    /** The busybox image's root filesystem as {@code umoci unpack} makes it, for {@code run-command}. */
    Path busyboxRootfs() {
        return images.directory().resolve("bundle/rootfs");
    }

    private String reference(String name) {
        return images.reference(name);
    }

    private static ObjectNode runConfig(boolean withPath) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        if (withPath) {
            config.putArray("Env").add("PATH=" + DEFAULT_PATH);
        }
        return config;
    }

    /** A layer over busybox's: the users and groups, and bob's home. */
    private static byte[] users() {
        return new LayerTar().dir("etc", 0755)
                .file("etc/passwd", 0644, """
                        root:x:0:0:root:/root:/bin/sh
                        bob:x:1000:50:Bob:/home/bob:/bin/sh
                        nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                        """)
                .file("etc/group", 0644, """
                        root:x:0:
                        staff:x:50:bob
                        nogroup:x:65534:
                        """)
                .dir("home", 0755).dir("home/bob", 0755, 1000, 50)
                .bytes();
    }
}
