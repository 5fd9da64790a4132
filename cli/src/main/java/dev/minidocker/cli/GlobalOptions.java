package dev.minidocker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options given before the command, as Podman's: {@code minidocker --root /tmp/r pull busybox}. */
final class GlobalOptions {
    static final Path DEFAULT_ROOT = Path.of("/var/lib/minidocker");

    @Option(names = "--root", paramLabel = "DIR",
            description = "State directory (default: $MINIDOCKER_ROOT, else /var/lib/minidocker).")
    Path root;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Use plain http for this registry (repeatable; also $MINIDOCKER_INSECURE_REGISTRIES,"
                    + " comma-separated). localhost and 127.0.0.0/8 always use http.")
    List<String> insecureRegistries = new ArrayList<>();

    Path root() {
        return root(root);
    }

    /** The state directory: {@code given} by --root, else $MINIDOCKER_ROOT, else the default. */
    static Path root(Path given) {
        if (given != null) {
            return given;
        }
        String env = System.getenv("MINIDOCKER_ROOT");
        return env == null || env.isBlank() ? DEFAULT_ROOT : Path.of(env);
    }

    List<String> insecureRegistries() {
        List<String> all = new ArrayList<>(insecureRegistries);
        String env = System.getenv("MINIDOCKER_INSECURE_REGISTRIES");
        if (env != null) {
            for (String r : env.split(",")) {
                if (!r.isBlank()) {
                    all.add(r.trim());
                }
            }
        }
        return all;
    }
}
