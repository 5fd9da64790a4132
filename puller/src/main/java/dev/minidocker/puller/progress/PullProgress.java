package dev.minidocker.puller.progress;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;

/** What a pull reports as it goes; implementations render it. Calls may come from several threads. */
public interface PullProgress {
    /** The pull of {@code ref} starts (Docker: "latest: Pulling from library/busybox"). */
    void start(ImageReference ref);

    /** A layer, named by its blob digest, is in {@code state}; {@code current}/{@code total} in bytes. */
    void layer(Digest blob, LayerState state, long current, long total);

    /** A warning, such as a platform that differs from the one asked for. */
    void warn(String message);

    /** The pull ended: {@code digest} is what the reference resolved to. */
    void finish(ImageReference ref, Digest digest, boolean upToDate);

    /** Reports nothing: for {@code -q}. */
    static PullProgress quiet() {
        return new PullProgress() {
            @Override
            public void start(ImageReference ref) {
            }

            @Override
            public void layer(Digest blob, LayerState state, long current, long total) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void finish(ImageReference ref, Digest digest, boolean upToDate) {
            }
        };
    }
}
