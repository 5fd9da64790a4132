package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.repeated;
import static dev.minidocker.cli.CodedOptions.value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The flags that shape a container's process, as Docker's {@code run}, {@code create} and {@code exec} take them. */
final class ProcessFlags {
    boolean interactive;
    boolean tty;
    List<String> env = new ArrayList<>();
    List<Path> envFiles = new ArrayList<>();
    String workdir;
    String user;

    /** These flags in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        spec.addOption(flag("Keep STDIN open.", v -> interactive = v, "-i", "--interactive"));
        spec.addOption(flag("Allocate a pseudo-TTY.", v -> tty = v, "-t", "--tty"));
        spec.addOption(repeated(String.class, "KEY[=VALUE]", "Set an environment variable (repeatable).", env,
                "-e", "--env"));
        spec.addOption(repeated(Path.class, "FILE", "Read environment variables from a file (repeatable).", envFiles,
                "--env-file"));
        spec.addOption(value(String.class, "DIR", "Working directory inside the container.", v -> workdir = v,
                "-w", "--workdir"));
        spec.addOption(value(String.class, "USER[:GROUP]", "User name or uid, and group.", v -> user = v,
                "-u", "--user"));
    }

    /** The {@code --env-file} entries, then the {@code -e} ones, as Docker orders them. */
    List<String> environment() throws CliException {
        List<String> all = new ArrayList<>();
        for (Path f : envFiles) {
            all.addAll(EnvFiles.read(f));
        }
        all.addAll(env);
        return all;
    }
}
