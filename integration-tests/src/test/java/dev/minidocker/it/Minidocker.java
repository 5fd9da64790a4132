package dev.minidocker.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The minidocker commands as a user runs them, each test with a state directory of its own.
 * Register as a field: {@code @RegisterExtension final Minidocker minidocker = new Minidocker();}.
 * The environment is the test's own: {@code DOCKER_CONFIG} and {@code MINIDOCKER_CERTS_DIR} point
 * into the test's directory, so nothing the machine has in ~/.docker or /etc/minidocker plays a
 * part. After each test it unmounts what {@link #mount} mounted, fails the test if any mount is
 * left below the state directory (detaching it first), removes the bridges and masquerading rules
 * of the store's networks (see {@link StoreNetworks}), and removes the directory.
 */
final class Minidocker implements BeforeEachCallback, AfterEachCallback {
    /** The repository root with the {@code minidocker} and {@code minidocker-puller} wrappers. */
    static final Path HOME = Path.of(System.getProperty("minidocker.home", "..")).toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration FIRST_BUILD = Duration.ofMinutes(15);
    private static boolean built;

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Set<String> mounted = new LinkedHashSet<>();
    private Path directory;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        buildOnce();
        directory = TempDirs.create("state");
        Files.createDirectories(dockerConfig());
        Files.createDirectories(certificates());
        environment.clear();
        environment.put("DOCKER_CONFIG", dockerConfig().toString());
        environment.put("MINIDOCKER_CERTS_DIR", certificates().toString());
        mounted.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (directory == null) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String image : List.copyOf(mounted)) {
            CommandResult result = run("image", "unmount", image);
            if (!result.succeeded()) {
                failures.add(result.toString());
            }
        }
        List<Path> left = Mounts.detachAllUnder(root());
        if (!left.isEmpty()) {
            failures.add("mounts left under " + root() + ": " + left);
        }
        StoreNetworks.remove(root());
        TempDirs.delete(directory);
        directory = null;
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    /** A directory of this test's own, removed after it. */
    Path scratch() {
        return directory;
    }

    /** The {@code --root} of every command. */
    Path root() {
        return directory.resolve("root");
    }

    /** The {@code DOCKER_CONFIG} directory, where {@code login} keeps credentials. */
    Path dockerConfig() {
        return directory.resolve("docker-config");
    }

    /** The {@code MINIDOCKER_CERTS_DIR}, empty unless the test puts a CA there. */
    Path certificates() {
        return directory.resolve("certs.d");
    }

    /** Sets a variable of the environment of the commands run after this. */
    Minidocker env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** {@code minidocker --root ROOT ARGUMENTS...}. */
    CommandResult run(String... arguments) {
        return command("minidocker", arguments).run();
    }

    /** The same, run from {@code directory} (what {@code -v ./dir:/x} is relative to). */
    CommandResult runIn(Path directory, String... arguments) {
        return command("minidocker", arguments).directory(directory).run();
    }

    /** The same, with {@code input} on standard input (e.g. {@code --password-stdin}). */
    CommandResult runWithInput(String input, String... arguments) {
        return command("minidocker", arguments).input(input).run();
    }

    /** {@code PROGRAM --root ROOT ARGUMENTS... | PIPE}, run by bash; fails if either side fails. */
    CommandResult pipe(String program, List<String> arguments, String pipe) {
        List<String> command = new ArrayList<>(List.of("bash", "-o", "pipefail", "-c", "\"$@\" | " + pipe, "bash"));
        command.addAll(line(program, arguments.toArray(String[]::new)));
        return withEnvironment(HostCommand.of(command)).run();
    }

    /**
     * {@code minidocker --root ROOT ARGUMENTS...} on a new pseudo-terminal of {@code rows} by
     * {@code columns} that util-linux {@code script} opens, {@code typed} as if typed on it; stdout
     * is what the terminal showed.
     */
    CommandResult runInTerminal(int rows, int columns, String typed, String... arguments) {
        return withEnvironment(HostCommand.of("script", "-qec",
                "stty rows " + rows + " cols " + columns + " && exec " + quoted(line("minidocker", arguments)),
                "/dev/null")).input(typed).run();
    }

    /**
     * A bash script on a new pseudo-terminal that util-linux {@code script} opens, nothing typed,
     * in which {@code md ARGUMENTS...} runs {@code minidocker --root ROOT ARGUMENTS...}; stdout is
     * what the terminal showed.
     */
    CommandResult inTerminal(String bash) {
        String md = "md() { " + quoted(line("minidocker")) + " \"$@\"; }\n";
        return withEnvironment(HostCommand.of("script", "-qec", "bash -c " + quoted(List.of(md + bash)), "/dev/null"))
                .run();
    }

    /** {@code minidocker --root ROOT ARGUMENTS...} with its stdio redirected by bash, e.g. {@code < in >> out}. */
    CommandResult redirected(String redirections, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\" " + redirections, "bash"));
        command.addAll(line("minidocker", arguments));
        return withEnvironment(HostCommand.of(command)).run();
    }

    private static String quoted(List<String> words) {
        return words.stream().map(word -> "'" + word.replace("'", "'\\''") + "'")
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** {@code image mount IMAGE}: the mount point it prints, after checking it succeeded. */
    Path mount(String image) {
        CommandResult result = run("image", "mount", image).assertSuccess();
        mounted.add(image);
        Path mountPoint = Path.of(result.lastStdoutLine());
        if (!mountPoint.isAbsolute()) {
            throw new AssertionError("image mount printed no absolute path\n" + result);
        }
        return mountPoint;
    }

    /** {@code image unmount IMAGE}, after checking it succeeded. */
    void unmount(String image) {
        run("image", "unmount", image).assertSuccess();
        mounted.remove(image);
    }

    private HostCommand command(String program, String... arguments) {
        return withEnvironment(HostCommand.of(line(program, arguments)));
    }

    private List<String> line(String program, String... arguments) {
        List<String> line = new ArrayList<>(List.of(HOME.resolve(program).toString(), "--root", root().toString()));
        line.addAll(List.of(arguments));
        return line;
    }

    private HostCommand withEnvironment(HostCommand command) {
        command.unsetEnv("MINIDOCKER_ROOT").unsetEnv("MINIDOCKER_INSECURE_REGISTRIES").timeout(TIMEOUT);
        environment.forEach(command::env);
        return command;
    }

    /** The wrapper builds the commands on first use; that may take minutes, once. */
    private static synchronized void buildOnce() {
        if (!built) {
            HostCommand.of(HOME.resolve("minidocker").toString(), "--help").timeout(FIRST_BUILD).run()
                    .assertSuccess();
            built = true;
        }
    }
}
