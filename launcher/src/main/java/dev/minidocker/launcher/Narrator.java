package dev.minidocker.launcher;

import dev.minidocker.launcher.network.PluginCall;
import dev.minidocker.spec.PathShorthand;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Tells each step the launcher takes on stderr for {@code --explain}, as the shim's narrator tells
 * its own ({@code launcher: ...}, {@code cgroup: ...}, then {@code shim: ...}); silent otherwise.
 * Once it knows the container, it names its long paths once and then says them in short
 * ({@link PathShorthand}: {@code $CONTAINER/config.json}), as the shim does.
 */
public final class Narrator {
    private final PrintStream out;
    /** The container told about, null before the first; a run's threads may tell. */
    private volatile PathShorthand shorthand;

    private Narrator(PrintStream out) {
        this.out = out;
    }

    public static Narrator to(PrintStream out) {
        return new Narrator(out);
    }

    public static Narrator silent() {
        return new Narrator(null);
    }

    /** The container the steps from now on are about ({@code dir}: ROOT/containers/ID); its short names are said once. */
    public void container(Path dir) {
        if (out == null || shorthand != null && shorthand.container().equals(dir)) {
            return;
        }
        PathShorthand paths = new PathShorthand(dir);
        out.println("launcher: " + paths.legend());
        shorthand = paths;
    }

    /** A CNI plugin's run: its command and variables, its stdin, its result or error (three lines, {@code cni: ...}). */
    public void plugin(PluginCall call) {
        if (out != null) {
            out.println(call.narration());
        }
    }

    public void say(String what) {
        tell("launcher: ", what);
    }

    /** A cgroup file write, as the cgroup code reports it ({@code write 100 to .../pids.max}). */
    public void cgroup(String what) {
        tell("cgroup: ", what);
    }

    private void tell(String teller, String what) {
        if (out != null) {
            PathShorthand paths = shorthand;
            out.println(teller + (paths == null ? what : paths.shorten(what)));
        }
    }
}
