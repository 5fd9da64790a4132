package dev.minidocker.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start the shim: this JVM's java with only the shim's jars on the module path (the shim,
 * linux and runtime-spec modules: the less it loads, the sooner it execs the container), C1 and
 * the serial GC, as the commands.
 */
public record ShimCommand(Path java, Path lib) {
    /** The shim's module and main class, as its command line names them until it execs the entrypoint. */
    public static final String MAIN = "dev.minidocker.shim/dev.minidocker.shim.Shim";
    /** The JDK known to have the diagnostic flag that turns the AOT cache's training replay off (see {@link #command}). */
    private static final int REPLAY_FLAG_KNOWN = 25;

    /** The shim beside this launcher: the same java, the jars in the launcher jar's directory. */
    public static ShimCommand beside(Class<?> anchor) throws LaunchException {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new LaunchException("start shim: cannot tell which java runs minidocker"));
        try {
            Path jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ShimCommand(java, jar.getParent());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new LaunchException("start shim: cannot locate minidocker's jars", e);
        }
    }

    /**
     * The host directories the shim runs from: the JDK its java belongs to ({@code <home>/bin/java})
     * and minidocker's own (the jars, the native helpers). The container's process 1 is this java
     * until it execs the entrypoint, and an entrypoint of {@code #!/proc/self/exe} runs it again
     * inside: the monitor binds these read-only in the container, so that they cannot be written
     * through {@code /proc/PID/exe}.
     */
    public List<Path> hostDirectories() {
        Path bin = java.getParent();
        Path home = bin == null || bin.getParent() == null ? bin : bin.getParent();
        return home == null ? List.of(lib) : lib.startsWith(home) ? List.of(home) : List.of(home, lib);
    }

    /**
     * Attaches the cgroup v2 device filter of the container at {@code bundle}, by a run of the shim
     * as host root ({@code --device-filter}), for a container with a user namespace of its own:
     * loading a BPF program takes CAP_BPF or CAP_SYS_ADMIN in the host's user namespace, which that
     * container's shim lacks. runc's parent process attaches it for the same reason.
     */
    public void attachDeviceFilter(Path bundle) throws LaunchException {
        List<String> cmd = command(bundle);
        cmd.add(cmd.size() - 1, "--device-filter");
        try {
            Process shim = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String error;
            try (var err = shim.getErrorStream()) {
                error = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            int status = shim.waitFor();
            if (status != 0) {
                throw new LaunchException(error.isEmpty() ? "attach the device filter: the shim exited with status "
                        + status : error.substring(error.lastIndexOf('\n') + 1).replaceFirst("^minidocker-shim: ", ""));
            }
        } catch (IOException e) {
            throw new LaunchException("attach the device filter: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("attach the device filter: interrupted", e);
        }
    }

    public List<String> command(Path bundle) throws LaunchException {
        Path shim = jar("minidocker-shim-");
        Path linux = jar("minidocker-linux-");
        Path spec = jar("minidocker-runtime-spec-");
        // Interpreted only: the shim lives a few hundredths of a second, too short for compiled code
        // to pay back its compiling (which the AOT cache's profiles bring forward, on a thread replaying them).
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xint", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Xss512k",
                // The JVM would raise the soft NOFILE limit to the hard one, and the container would inherit it.
                "-XX:-MaxFDLimit", "--enable-native-access=dev.minidocker.linux"));
        Path aot = lib.resolve("shim.aot");
        if (isCurrent(aot, shim, linux, spec)) {
            cmd.add("-XX:AOTCache=" + aot);
            if (Runtime.version().feature() == REPLAY_FLAG_KNOWN) {
                // The cache's profiles are for a compiler that -Xint never starts, but JDK 25 still
                // runs the thread that replays them, woken at each class initialised. A diagnostic
                // flag, so only on the JDK known to have it: a JVM that no longer knows it would
                // refuse to start.
                cmd.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining"));
            }
        }
        // The JVM's own warnings (a cache it cannot use, say) would land in the container's output.
        cmd.add("-Xlog:disable");
        cmd.addAll(List.of("-p", shim + ":" + linux + ":" + spec, "-m", MAIN,
                bundle.toString()));
        return cmd;
    }

    /** An AOT cache older than a jar it was made from is refused by the JVM: not worth passing. */
    private static boolean isCurrent(Path aot, Path... jars) {
        try {
            var made = Files.getLastModifiedTime(aot);
            for (Path jar : jars) {
                if (Files.getLastModifiedTime(jar).compareTo(made) > 0) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private Path jar(String prefix) throws LaunchException {
        try (var files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new LaunchException("start shim: no " + prefix + "*.jar in " + lib));
        } catch (java.io.IOException e) {
            throw new LaunchException("start shim: list " + lib + ": " + e.getMessage(), e);
        }
    }
}
