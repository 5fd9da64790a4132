package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.value;

import picocli.CommandLine.Model.CommandSpec;

/** The flags of {@code pull} and {@code minidocker-puller}. */
final class PullFlags {
    boolean quiet;
    String platform;
    int maxConcurrentDownloads = 3;

    /** These flags in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        spec.addOption(flag("No progress on stderr.", v -> quiet = v, "-q", "--quiet"));
        spec.addOption(value(String.class, "OS/ARCH[/VARIANT]",
                "Pick this platform from a multi-platform image (default: this machine's).", v -> platform = v,
                "--platform"));
        spec.addOption(value(int.class, "N", "Layers downloaded and unpacked at once (default: 3).",
                v -> maxConcurrentDownloads = v, "--max-concurrent-downloads"));
    }
}
