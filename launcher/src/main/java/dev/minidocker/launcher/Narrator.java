package dev.minidocker.launcher;

import dev.minidocker.launcher.network.PluginCall;
import java.io.PrintStream;

/**
 * Tells each step the launcher takes on stderr for {@code --explain}, as the shim's narrator tells
 * its own ({@code launcher: ...}, {@code cgroup: ...}, then {@code shim: ...}); silent otherwise.
 */
public final class Narrator {
    private final PrintStream out;

    private Narrator(PrintStream out) {
        this.out = out;
    }

    public static Narrator to(PrintStream out) {
        return new Narrator(out);
    }

    public static Narrator silent() {
        return new Narrator(null);
    }

    public void say(String what) {
        if (out != null) {
            out.println("launcher: " + what);
        }
    }

    /** A CNI plugin's run: its command and variables, its stdin, its result or error (three lines, {@code cni: ...}). */
    public void plugin(PluginCall call) {
        if (out != null) {
            out.println(call.narration());
        }
    }

    /** A cgroup file write, as the cgroup code reports it. */
    public void cgroup(String what) {
        if (out != null) {
            out.println("cgroup: " + what);
        }
    }
}
