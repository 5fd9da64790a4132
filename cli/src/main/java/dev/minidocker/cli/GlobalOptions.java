package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.repeated;
import static dev.minidocker.cli.CodedOptions.value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Options given before the command, as Podman's: {@code minidocker --root /tmp/r pull busybox}. */
final class GlobalOptions {
    static final Path DEFAULT_ROOT = Path.of("/var/lib/minidocker");

    Path root;
    boolean debug;
    List<String> insecureRegistries = new ArrayList<>();

    /** These options in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        spec.addOption(value(Path.class, "DIR", "State directory (default: $MINIDOCKER_ROOT, else /var/lib/minidocker).",
                v -> root = v, "--root"));
        spec.addOption(flag("Print stack traces with errors.", v -> debug = v, "--debug"));
        spec.addOption(repeated(String.class, "HOST[:PORT]", "Use plain http for this registry (repeatable; also"
                + " $MINIDOCKER_INSECURE_REGISTRIES, comma-separated). localhost and 127.0.0.0/8 always use http.",
                insecureRegistries, "--insecure-registry"));
    }

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
