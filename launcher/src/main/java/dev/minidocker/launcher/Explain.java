package dev.minidocker.launcher;

import java.io.PrintStream;

/** Narrates what the launcher does, for {@code --explain}; silent otherwise. */
public final class Explain {
    private final PrintStream out;

    private Explain(PrintStream out) {
        this.out = out;
    }

    public static Explain to(PrintStream out) {
        return new Explain(out);
    }

    public static Explain silent() {
        return new Explain(null);
    }

    public void step(String what) {
        if (out != null) {
            out.println("launcher: " + what);
        }
    }

    /** A cgroup file write, as the cgroup code reports it. */
    public void cgroup(String what) {
        if (out != null) {
            out.println("cgroup: " + what);
        }
    }
}
