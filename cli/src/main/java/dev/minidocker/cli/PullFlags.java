package dev.minidocker.cli;

import picocli.CommandLine.Option;

/** The flags of {@code pull} and {@code minidocker-puller}. */
final class PullFlags {
    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Pick this platform from a multi-platform image (default: this machine's).")
    String platform;

    @Option(names = "--max-concurrent-downloads", paramLabel = "N", defaultValue = "3",
            description = "Layers downloaded and unpacked at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrentDownloads;
}
