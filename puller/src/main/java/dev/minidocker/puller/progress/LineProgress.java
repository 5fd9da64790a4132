package dev.minidocker.puller.progress;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;

/** Progress for logs and pipes: one line per layer event, never a byte count per chunk. */
public class LineProgress implements PullProgress {
    protected final PrintStream out;
    private final ConcurrentHashMap<Digest, LayerState> states = new ConcurrentHashMap<>();

    public LineProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(ImageReference ref) {
        out.println(PullLines.pullingFrom(ref));
    }

    @Override
    public void layer(Digest blob, LayerState state, long current, long total) {
        if (states.put(blob, state) != state) {
            String size = state == LayerState.DOWNLOADING && total > 0 ? " " + HumanSize.format(total) : "";
            out.println(blob.shortHex() + ": " + state.label() + size);
        }
    }

    @Override
    public void warn(String message) {
        out.println("WARNING: " + message);
    }

    @Override
    public void finish(ImageReference ref, Digest digest, boolean upToDate) {
        out.println(PullLines.digest(digest));
        out.println(PullLines.status(ref, upToDate));
    }
}
