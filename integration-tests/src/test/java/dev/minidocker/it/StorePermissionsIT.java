package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.it.OciLayout.Compression;
import dev.minidocker.it.OciLayout.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attack of a local user on the store: an image whose layer holds a setuid-root program and a
 * 0666 {@code c 1 1} (/dev/mem), pulled, run and mounted; then {@code nobody} tries to exec the
 * program and open the node through {@code layers/}, through a container's upper directory (where
 * the container's root copied them) and through an {@code image mount} view. Every try must fail
 * with EACCES, on a new store and on a store an older minidocker left open (every directory 0755)
 * once any command has opened it. The test directory above the store lets others through, as
 * /var/lib does, so only the store's own modes stand in the way.
 */
class StorePermissionsIT extends RunTestBase {
    private static final List<String> NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    private static final String DENIED = "Permission denied";

    @RegisterExtension
    static final AttackImage IMAGE = new AttackImage();

    @BeforeEach
    void letOthersReachTheStore() throws IOException {
        Files.setPosixFilePermissions(minidocker.root().getParent(), PosixFilePermissions.fromString("rwx--x--x"));
    }

    @Test
    void nobodyReachesNoLayerContainerOrMountViewContent() {
        List<Path> targets = attackTargets();
        for (Path target : targets) {
            assertNobodyIsDenied(target);
        }
        cleanUp();
    }

    /**
     * A container's root in a user namespace of its own is an unprivileged host uid that must pass
     * through the store to its container directory: others pass too, but cannot enter it.
     */
    @Test
    void nobodyReachesNothingAUserNamespacedContainerWrites() {
        pull(IMAGE.reference());
        minidocker.run("run", "--name", "mapped", "--userns=private", IMAGE.reference(), "sh", "-c",
                "cp /suid /copied && chmod 4755 /copied").assertSuccess();
        Path copied = Path.of(inspect("mapped").path("GraphDriver").path("Data").path("UpperDir").asText())
                .resolve("copied");
        assertTrue(Files.exists(copied), copied + " is there for root");
        assertNobodyIsDenied(copied);
        minidocker.run("rm", "mapped").assertSuccess();
    }

    @Test
    void aStoreLeftOpenByAnOlderVersionIsClosedByTheNextCommandAndSaidOnce() throws IOException {
        List<Path> targets = attackTargets();
        openAsAnOlderVersionLeftIt();
        Path program = targets.getFirst();
        CommandResult attack = asNobody(List.of(program.toString()));
        assertEquals("euid=0", attack.stdout().strip(), "the older layout lets nobody run the layer's program as root: "
                + attack);

        CommandResult first = minidocker.run("images", "-q").assertSuccess();
        assertEquals(List.of("minidocker: closed the store " + minidocker.root() + " to other users: "
                        + "13 directories were open to them (left so by an older minidocker or a chmod)"),
                first.stderrLines(), first::toString);
        assertEquals("", minidocker.run("images", "-q").assertSuccess().stderr(), "said once");
        for (Path target : targets) {
            assertNobodyIsDenied(target);
        }
        cleanUp();
    }

    @Test
    void aStoreThatCannotBeMadePrivateIsRefusedWithOneLine() throws IOException {
        Path root = minidocker.root();
        Files.createDirectories(root);
        Files.setAttribute(root, "unix:uid", 65534);
        CommandResult images = minidocker.run("images").assertExit(1);
        assertEquals(List.of("minidocker: open store " + root + ": " + root + " belongs to uid 65534, not to uid 0"
                + " who runs minidocker"), images.stderrLines());
        assertEquals(125, minidocker.run("run", "--rm", IMAGE.reference(), "true").exitCode(), "run's status, as Docker's");

        Files.setAttribute(root, "unix:uid", 0);
        Path parent = root.getParent();
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(List.of("minidocker: open store " + root + ": " + parent + " is writable by other users"
                + " (mode 0777), who could put another directory in the store's place"),
                minidocker.run("images").assertExit(1).stderrLines());
    }

    /**
     * Pulls the image, lets a container's root copy the program and make the node in its writable
     * layer, and mounts the image: the paths to try, each checked to be there for root.
     */
    private List<Path> attackTargets() {
        pull(IMAGE.reference());
        String id = minidocker.run("run", "--name", "writer", IMAGE.reference(), "sh", "-c",
                "cp /suid /copied && chmod 4755 /copied && mknod -m 666 /mem2 c 1 1").assertSuccess().stdout().strip();
        Path upper = Path.of(inspect("writer").path("GraphDriver").path("Data").path("UpperDir").asText());
        Path merged = minidocker.mount(IMAGE.reference());
        List<Path> targets = new ArrayList<>();
        for (Path layer : children(minidocker.root().resolve("layers/sha256"))) {
            if (Files.exists(layer.resolve("diff/suid"))) {
                targets.add(layer.resolve("diff/suid"));
                targets.add(layer.resolve("diff/mem"));
            }
        }
        targets.addAll(List.of(upper.resolve("copied"), upper.resolve("mem2"), merged.resolve("suid"), merged.resolve("mem")));
        assertEquals(6, targets.size(), () -> "the attack layer, the upper dir and the view: " + targets + " " + id);
        for (Path target : targets) {
            assertTrue(Files.exists(target), target + " is there for root");
        }
        return targets;
    }

    private void cleanUp() {
        minidocker.unmount(IMAGE.reference());
        minidocker.run("rm", "writer").assertSuccess();
    }

    /** Exec of a program, open of a node: EACCES on the way, not the kernel's EPERM of /dev/mem nor a success. */
    private static void assertNobodyIsDenied(Path target) {
        CommandResult result = target.getFileName().toString().startsWith("mem")
                ? asNobody(List.of("/bin/busybox", "head", "-c", "1", target.toString()))
                : asNobody(List.of(target.toString()));
        assertAll(target.toString(),
                () -> assertTrue(!result.succeeded() && result.stderr().contains(DENIED), result::toString),
                () -> assertTrue(!result.stdout().contains("euid="), result::toString));
    }

    /**
     * {@code command} run by nobody's shell: setpriv keeps root's capabilities until its own
     * execve (whose path walk would pass any directory), so it execs a shell and the shell, with
     * none left, execs the command as a user's shell would.
     */
    private static CommandResult asNobody(List<String> command) {
        List<String> line = new ArrayList<>(NOBODY);
        line.addAll(List.of("/bin/busybox", "sh", "-c", "exec \"$@\"", "sh"));
        line.addAll(command);
        return HostCommand.of(line).run();
    }

    /** The modes a store had before minidocker closed it: every directory it made 0755. */
    private void openAsAnOlderVersionLeftIt() {
        Path root = minidocker.root();
        List<Path> dirs = new ArrayList<>(List.of(root));
        for (String d : List.of("blobs", "blobs/sha256", "layers", "layers/sha256", "images", "images/sha256", "tmp",
                "tmp/ingest", "locks", "mounts", "containers")) {
            dirs.add(root.resolve(d));
        }
        dirs.addAll(children(root.resolve("containers")));
        dirs.addAll(children(root.resolve("mounts")));
        for (Path dir : dirs) {
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * busybox, and a layer with {@code /suid} (a static program, 4755 root, that prints its
     * effective uid) and {@code /mem} (a 0666 {@code c 1 1}), pushed to a registry of its own.
     */
    static final class AttackImage implements BeforeAllCallback, AfterAllCallback {
        private LayoutRegistry images;

        @Override
        public void beforeAll(ExtensionContext context) {
            images = new LayoutRegistry("attack-image");
            try {
                Path source = images.directory().resolve("euid.c");
                Path binary = images.directory().resolve("euid");
                Files.writeString(source, """
                        #include <stdio.h>
                        #include <unistd.h>
                        int main(void) {
                            printf("euid=%d\\n", (int) geteuid());
                            return 0;
                        }
                        """);
                HostCommand.check("gcc", "-static", "-Os", "-s", "-o", binary.toString(), source.toString());
                byte[] attack = new LayerTar().file("suid", 04755, 0, 0, Files.readAllBytes(binary))
                        .charDevice("mem", 0666, 1, 1).bytes();
                OciLayout layout = images.layout();
                layout.tag("attack", layout.image(Platform.AMD64, Compression.GZIP,
                        List.of(TestImages.busybox(), attack), List.of("sh")));
                images.push("attack");
            } catch (IOException e) {
                images.close();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                images.close();
                throw e;
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            images.close();
        }

        String reference() {
            return images.reference("attack");
        }
    }
}
