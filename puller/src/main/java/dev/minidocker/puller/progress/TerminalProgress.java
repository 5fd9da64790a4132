package dev.minidocker.puller.progress;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress on a terminal: one line per layer, redrawn in place with ANSI cursor moves, as
 * {@code docker pull} shows it. Byte updates are redrawn at most every 100 ms.
 */
public final class TerminalProgress implements PullProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 50;
    private final PrintStream out;
    private final Map<Digest, String> lines = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    public TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void start(ImageReference ref) {
        out.println(PullLines.pullingFrom(ref));
    }

    @Override
    public synchronized void layer(Digest blob, LayerState state, long current, long total) {
        String line = blob.shortHex() + ": " + state.label();
        if ((state == LayerState.DOWNLOADING || state == LayerState.EXTRACTING) && total > 0) {
            line += " " + bar(current, total) + " " + HumanSize.progress(current, total);
        }
        boolean changed = !line.equals(lines.put(blob, line));
        long now = System.nanoTime();
        boolean byteUpdate = state == LayerState.DOWNLOADING && current > 0;
        if (changed && (!byteUpdate || now - lastDraw > REDRAW_NANOS)) {
            redraw();
            lastDraw = now;
        }
    }

    private static String bar(long current, long total) {
        int filled = (int) Math.min(BAR, current * BAR / total);
        return "[" + "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? ">" : "") + " ".repeat(BAR - filled) + "]";
    }

    private void redraw() {
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append("\033[").append(drawn).append('A');
        }
        for (String line : lines.values()) {
            frame.append("\r\033[2K").append(line).append('\n');
        }
        drawn = lines.size();
        out.print(frame);
        out.flush();
    }

    @Override
    public synchronized void warn(String message) {
        out.println("WARNING: " + message);
        drawn = 0;
    }

    @Override
    public synchronized void finish(ImageReference ref, Digest digest, boolean upToDate) {
        redraw();
        out.println(PullLines.digest(digest));
        out.println(PullLines.status(ref, upToDate));
    }
}
