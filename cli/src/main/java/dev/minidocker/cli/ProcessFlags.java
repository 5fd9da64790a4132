package dev.minidocker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags that shape a container's process, as Docker's {@code run}, {@code create} and {@code exec} take them. */
final class ProcessFlags {
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY.")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]", description = "Set an environment variable (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read environment variables from a file (repeatable).")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "User name or uid, and group.")
    String user;

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
