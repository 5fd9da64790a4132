package dev.minidocker.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * minidocker where most of its users run it: Debian 12's own kernel (6.1) with cgroup v2 alone, in
 * a qemu guest that src/test/guest/guest.sh makes from Debian's packages and this build. Each check
 * in src/test/guest/checks is a test here: it passes, fails with the check's reason and output, or
 * is skipped with a reason (this machine cannot run the guest; the check's feature is not there).
 */
class GuestIT {
    private static final Path GUEST = Minidocker.HOME.resolve("integration-tests/src/test/guest");
    private static final Path CONSOLE_LOG = Path.of("target", "guest-console.log");
    /** guest.sh bounds the guest itself (each check, and the whole boot); this is for the rest. */
    private static final Duration LIMIT = Duration.ofMinutes(40);

    @RegisterExtension
    final Minidocker minidocker = new Minidocker();

    @TestFactory
    Stream<DynamicTest> checksInTheGuest() throws IOException {
        String image = pullBusybox();
        long start = System.nanoTime();
        CommandResult guest = HostCommand.of(GUEST.resolve("guest.sh").toString(), "--store", minidocker.root().toString(),
                "--image", image, "--work", minidocker.scratch().resolve("guest").toString()).timeout(LIMIT).run();
        Files.createDirectories(CONSOLE_LOG.getParent());
        Files.writeString(CONSOLE_LOG, guest.stdout() + guest.stderr());
        System.out.printf("guest: %.1f s, exit %d, console in %s%n", (System.nanoTime() - start) / 1e9,
                guest.exitCode(), CONSOLE_LOG.toAbsolutePath());
        GuestConsole console = GuestConsole.of(guest.stdout() + "\n" + guest.stderr());
        return checks().stream().map(check -> DynamicTest.dynamicTest(check, () -> console.report(check)));
    }

    /** The store the guest gets: busybox, pushed to a registry of the test's own and pulled. */
    private String pullBusybox() {
        try (TestImages images = TestImages.build(); TestRegistry registry = TestRegistry.start(TestRegistry.Mode.PLAIN)) {
            images.push(TestImages.BUSYBOX, registry);
            String reference = TestImages.BUSYBOX.at(registry);
            minidocker.run("pull", "-q", reference).assertSuccess();
            return reference;
        }
    }

    /** The checks' names, as the guest reports them: checks/NN-NAME.sh. */
    private static List<String> checks() throws IOException {
        try (Stream<Path> files = Files.list(GUEST.resolve("checks"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".sh")).sorted()
                    .map(f -> f.substring(0, f.length() - ".sh".length()).replaceFirst("^[0-9][0-9]-", "")).toList();
        }
    }
}
