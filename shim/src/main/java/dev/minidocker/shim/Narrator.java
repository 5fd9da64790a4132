package dev.minidocker.shim;

import java.io.PrintStream;

/**
 * Tells each setup step on stderr when the spec asks for it ({@code org.minidocker.explain}):
 * {@code shim: mount proc on /proc (nosuid,noexec,nodev)}. minidocker is also for learning.
 */
final class Narrator {
    static final Narrator SILENT = new Narrator(null);

    private final PrintStream out;

    Narrator(PrintStream out) {
        this.out = out;
    }

    void say(String line) {
        if (out != null) {
            out.println("shim: " + line);
        }
    }

    /** A warning, told whether or not the spec asked for explanations. */
    static void warn(String line) {
        System.err.println("minidocker-shim: warning: " + line);
    }
}
