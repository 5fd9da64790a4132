package dev.minidocker.store;

/**
 * Where a reference points: {@code digest} is what the registry resolved it to (an index or a
 * manifest: Docker's RepoDigest), {@code image} the image pulled from it for this platform.
 */
public record TagEntry(Digest digest, Digest image) {
}
