package dev.minidocker.puller.progress;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;

/** The header and closing lines of a pull, worded as Docker's. */
final class PullLines {
    private PullLines() {
    }

    static String pullingFrom(ImageReference ref) {
        String what = ref.digest() != null ? ref.digest().toString() : ref.tag();
        // Docker names the repository path without its registry, whichever registry it is.
        return what + ": Pulling from " + ref.repository();
    }

    static String digest(Digest digest) {
        return "Digest: " + digest;
    }

    static String status(ImageReference ref, boolean upToDate) {
        String name = ref.familiarName() + (ref.digest() != null ? "@" + ref.digest() : ":" + ref.tag());
        return "Status: " + (upToDate ? "Image is up to date for " : "Downloaded newer image for ") + name;
    }
}
