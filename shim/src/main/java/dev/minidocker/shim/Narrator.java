package dev.minidocker.shim;

import dev.minidocker.spec.PathShorthand;
import java.io.PrintStream;

/**
 * Tells each setup step on stderr when the spec asks for it ({@code org.minidocker.explain}):
 * {@code shim: mount proc on /proc (nosuid,noexec,nodev)}, the container's long paths in short as
 * the launcher has named them ({@code $CONTAINER/rootfs}). minidocker is also for learning.
 */
final class Narrator {
    static final Narrator SILENT = new Narrator(null, null);

    private final PrintStream out;
    private final PathShorthand paths;

    Narrator(PrintStream out, PathShorthand paths) {
        this.out = out;
        this.paths = paths;
    }

    void say(String line) {
        if (out != null) {
            out.println("shim: " + paths.shorten(line));
        }
    }

    /** A warning, told whether or not the spec asked for explanations. */
    static void warn(String line) {
        System.err.println("minidocker-shim: warning: " + line);
    }
}
