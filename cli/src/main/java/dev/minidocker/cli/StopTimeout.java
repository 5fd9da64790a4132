package dev.minidocker.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code -t}: how long {@code stop} and {@code restart} wait for the stop signal before SIGKILL. */
final class StopTimeout {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait before killing the container (default 10).")
    int seconds;

    Duration grace() {
        return Duration.ofSeconds(Math.max(0, seconds));
    }
}
