package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code install.sh} into a temporary prefix (issue 14): the installed command runs where no JDK
 * is (a private mount namespace whose /usr/lib/jvm is empty, no java on the PATH), its man pages
 * render, its bash completion completes, and {@code --uninstall} leaves the prefix as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT extends RunTestBase {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    /** What the commands find on the PATH: the system's, whose java is hidden with the JDKs. */
    private static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    private static Path prefix;
    /** Something of another package's, in a directory the installation shares. */
    private static Path othersPage;

    @BeforeAll
    static void install() throws IOException {
        prefix = TempDirs.create("install");
        othersPage = prefix.resolve("share/man/man1/other.1");
        Files.createDirectories(othersPage.getParent());
        Files.writeString(othersPage, ".TH OTHER 1\n");
        HostCommand.of(Minidocker.HOME.resolve("install.sh").toString(), "--prefix", prefix.toString())
                .timeout(INSTALL_TIMEOUT).run().assertSuccess();
    }

    @AfterAll
    static void removePrefix() {
        TempDirs.delete(prefix);
    }

    /** {@code bash SCRIPT} in a mount namespace of its own where /usr/lib/jvm is empty, without JAVA_HOME. */
    private static CommandResult withoutJdk(String script) {
        return HostCommand.of("unshare", "--mount", "--propagation", "private", "--", "bash", "-c",
                        "mount -t tmpfs none /usr/lib/jvm && " + script)
                .unsetEnv("JAVA_HOME").unsetEnv("MINIDOCKER_JAVA_HOME").env("PATH", PATH).run();
    }

    @Test
    @Order(1)
    void theInstalledCommandPullsAndRunsAContainerWithoutAJdk() {
        String md = prefix.resolve("bin/minidocker") + " --root " + minidocker.root();
        CommandResult run = withoutJdk("! command -v java && [ -z \"$(ls -A /usr/lib/jvm)\" ] && " + md + " pull -q " + IMAGES.busybox()
                + " >/dev/null && " + md + " run --rm " + IMAGES.busybox() + " echo hello from the installed command");
        assertAll(
                () -> assertEquals(0, run.exitCode(), run::toString),
                () -> assertEquals("hello from the installed command\n", run.stdout(), run::toString),
                () -> assertFalse(run.stderr().contains("["), "no JVM message: " + run));
    }

    @Test
    @Order(1)
    void theCheckoutsCommandNamesTheJdkItFoundTooOld() {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Assumptions.assumeTrue(Files.isDirectory(jdk17), "no JDK 17 on this machine");
        // Only Debian's JDK 17 left where the wrapper looks: bound aside before /usr/lib/jvm is emptied.
        Path aside = minidocker.scratch().resolve("jdk17");
        CommandResult refused = HostCommand.of("unshare", "--mount", "--propagation", "private", "--", "bash", "-c",
                        "mkdir " + aside + " && mount --bind " + jdk17 + " " + aside + " && mount -t tmpfs none /usr/lib/jvm"
                        + " && mkdir " + jdk17 + " && mount --bind " + aside + " " + jdk17
                        + " && exec " + Minidocker.HOME.resolve("minidocker") + " --version")
                .unsetEnv("JAVA_HOME").unsetEnv("MINIDOCKER_JAVA_HOME").env("PATH", PATH).run();
        assertAll(
                () -> assertEquals(125, refused.exitCode(), refused::toString),
                () -> assertEquals("minidocker: JDK 25 or newer is needed; found 17 at " + jdk17
                        + " (set MINIDOCKER_JAVA_HOME)\n", refused.stderr()));
    }

    @Test
    @Order(1)
    void everyManPageRenders() throws IOException {
        List<Path> pages;
        try (Stream<Path> listed = Files.list(prefix.resolve("share/man/man1"))) {
            pages = listed.filter(p -> p.getFileName().toString().startsWith("minidocker")).sorted().toList();
        }
        assertTrue(pages.size() > 40, pages.toString());
        assertTrue(pages.contains(prefix.resolve("share/man/man1/minidocker.1")), pages.toString());
        for (Path page : pages) {
            CommandResult man = HostCommand.of("man", "-l", page.toString()).env("MANWIDTH", "100").env("MANPAGER", "cat").run();
            assertTrue(man.succeeded() && man.stderr().isEmpty() && man.stdout().contains("NAME"), man::toString);
        }
        String run = HostCommand.check("man", "-l", prefix.resolve("share/man/man1/minidocker-run.1").toString()).stdout();
        assertTrue(run.contains("minidocker-run") && run.contains("--rm") && run.contains("--memory"), run);
    }

    @Test
    @Order(1)
    void theBashCompletionCompletesCommands() {
        Path script = prefix.resolve("share/bash-completion/completions/minidocker");
        // As bash calls it on `minidocker r<TAB>`; compopt works only there, so it is stubbed.
        CommandResult completed = HostCommand.check("bash", "-c", "source " + script
                + "; compopt() { :; }; COMP_WORDS=(minidocker r); COMP_CWORD=1; COMP_LINE='minidocker r'; COMP_POINT=12"
                + "; _complete_minidocker; printf '%s\\n' \"${COMPREPLY[@]}\" | sort | xargs");
        // Docker's five, and minidocker's own run-command.
        assertEquals("rename restart rm rmi run run-command\n", completed.stdout());
        assertTrue(readString(prefix.resolve("share/zsh/site-functions/_minidocker")).startsWith("#compdef minidocker\n"));
    }

    @Test
    @Order(2)
    void uninstallRemovesExactlyWhatWasInstalled() throws IOException {
        HostCommand.check(Minidocker.HOME.resolve("install.sh").toString(), "--prefix", prefix.toString(), "--uninstall");
        List<Path> left;
        try (Stream<Path> walked = Files.walk(prefix)) {
            left = walked.sorted().toList();
        }
        assertEquals(List.of(prefix, prefix.resolve("share"), prefix.resolve("share/man"), prefix.resolve("share/man/man1"),
                othersPage), left);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
