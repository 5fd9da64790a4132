package dev.minidocker.puller;

import dev.minidocker.store.oci.Platform;

/**
 * How to pull.
 *
 * @param platform the platform to pick from an index
 * @param maxConcurrentDownloads how many layers download (and unpack) at once, as Docker's flag
 */
public record PullOptions(Platform platform, int maxConcurrentDownloads) {
    public PullOptions {
        if (maxConcurrentDownloads < 1) {
            throw new IllegalArgumentException("max-concurrent-downloads must be at least 1, not " + maxConcurrentDownloads);
        }
    }

    public static PullOptions defaults() {
        return new PullOptions(Platform.current(), 3);
    }
}
