package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Step 2: {@code <bundle>/init.pid} holds {@code <host pid> <start time>} (field 22 of
 * /proc/self/stat), by which the launcher signals the container and knows a reused pid. /proc is
 * still the host's here, so /proc/self names the host pid. Written to a temp file, then renamed.
 */
final class InitPid {
    private InitPid() {
    }

    static void write(Path bundle, Narrator say) throws SetupException {
        Path file = bundle.resolve("init.pid");
        String pid = attempt("readlink", "/proc/self", () -> Files.readSymbolicLink(Path.of("/proc/self")).toString());
        String stat = Shim.hostFile("/proc/self/stat");
        String startTime = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
        attempt("write", file, () -> {
            say.say("write " + file + ": host pid " + pid + ", start time " + startTime);
            Path temp = bundle.resolve("init.pid.tmp");
            Files.writeString(temp, pid + " " + startTime);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        });
    }
}
