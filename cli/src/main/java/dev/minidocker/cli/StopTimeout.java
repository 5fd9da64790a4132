package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.value;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** {@code -t}: how long {@code stop} and {@code restart} wait for the stop signal before SIGKILL. */
final class StopTimeout {
    int seconds = 10;

    /** This option in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        spec.addOption(value(int.class, "SECONDS", "Seconds to wait before killing the container (default 10).",
                v -> seconds = v, "-t", "--time", "--timeout"));
    }

    Duration grace() {
        return Duration.ofSeconds(Math.max(0, seconds));
    }
}
