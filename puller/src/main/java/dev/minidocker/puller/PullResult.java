package dev.minidocker.puller;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;

/**
 * A finished pull.
 *
 * @param digest what the reference resolved to (an index or a manifest): Docker's "Digest:"
 * @param upToDate true when the store already had it and nothing was downloaded
 */
public record PullResult(ImageReference reference, Digest digest, ImageRecord image, boolean upToDate) {
}
