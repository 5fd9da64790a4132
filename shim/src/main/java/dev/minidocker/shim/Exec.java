package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.ContainerPath;
import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Step 12: hand the process over to the entrypoint. Signals blocked or ignored by the JVM or the
 * launcher's shell are restored, every inherited descriptor above stderr is marked close-on-exec
 * (CVE-2024-21626: no JVM file may leak into the container), then chdir, the PATH lookup in the
 * container's environment as runc does, the seccomp filter when no_new_privs lets it come last,
 * and execve.
 */
final class Exec {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final int LAST_SIGNAL = 64;
    private static final Set<PosixFilePermission> EXECUTE = Set.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private Exec() {
    }

    /**
     * Execs {@code args} in {@code env} from {@code cwd}. {@code root} is how this process sees the
     * container's "/" (itself after pivot_root). Returns only in tests, where execve is a fake.
     */
    static void exec(Syscalls sys, Path root, List<String> args, List<String> env, String cwd, SeccompFilter seccomp,
            Narrator say) throws SetupException {
        long ignored = ignoredSignals(root);
        attempt("reset signals", "pid 0", () -> {
            sys.clearSignalMask();
            for (int signal = 1; signal <= LAST_SIGNAL; signal++) {
                if (signal != SIGKILL && signal != SIGSTOP && (ignored & (1L << (signal - 1))) != 0) {
                    sys.unignoreSignal(signal);
                }
            }
        });
        attempt("close_range", "fd 3 and up", () -> sys.closeRange(3, -1, Syscalls.CLOSE_RANGE_CLOEXEC));
        attempt("chdir", cwd, () -> sys.chdir(Path.of(cwd)));
        String program = lookPath(root, cwd, args.getFirst(), environment(env, "PATH", DEFAULT_PATH));
        say.say("exec " + program + (args.size() > 1 ? " with " + args.subList(1, args.size()) : ""));
        if (seccomp != null) {
            seccomp.installIf(true, sys, say);
        }
        try {
            sys.execve(program, args, env);
        } catch (LinuxException e) {
            throw failure(args.getFirst(), e);
        }
    }

    /**
     * The SigIgn mask of /proc/self/status (the launcher's shell ignores SIGINT and SIGQUIT in a
     * background job), so that only those signals cost a call; every signal when /proc is not there.
     */
    private static long ignoredSignals(Path root) {
        try (InputStream in = Files.newInputStream(root.resolve("proc/self/status"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("SigIgn:")) {
                    return Long.parseUnsignedLong(line.substring(7).strip(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No /proc in the container: ask the kernel about each signal.
        }
        return -1;
    }

    /**
     * {@code file} itself when it has a '/', else the first executable {@code dir/file} of the
     * ':'-separated {@code path} (an empty entry is the working directory), resolved inside {@code root}.
     */
    static String lookPath(Path root, String cwd, String file, String path) throws SetupException {
        if (file.contains("/")) {
            return file;
        }
        for (String dir : path.split(":", -1)) {
            String candidate = (dir.isEmpty() ? "." : dir) + "/" + file;
            if (executable(root, candidate.startsWith("/") ? candidate : cwd + "/" + candidate)) {
                return candidate;
            }
        }
        throw new SetupException("exec: \"" + file + "\": executable file not found in $PATH",
                SetupException.NOT_FOUND);
    }

    private static boolean executable(Path root, String path) {
        try {
            Path host = ContainerPath.resolve(root, path);
            return Files.isRegularFile(host)
                    && Files.getPosixFilePermissions(host).stream().anyMatch(EXECUTE::contains);
        } catch (IOException e) {
            return false;
        }
    }

    /** The value of {@code name} in {@code env} (NAME=value entries), or {@code otherwise}. */
    static String environment(List<String> env, String name, String otherwise) {
        for (String entry : env) {
            if (entry.startsWith(name + "=")) {
                return entry.substring(name.length() + 1);
            }
        }
        return otherwise;
    }

    /** Docker's statuses: 127 not found, 126 not executable, 125 anything else. */
    private static SetupException failure(String file, LinuxException e) {
        String prefix = "exec: \"" + file + "\": ";
        if (e.is(Errno.ENOENT)) {
            return new SetupException(prefix + "no such file or directory", SetupException.NOT_FOUND);
        }
        if (e.is(Errno.EACCES) || e.is(Errno.EISDIR) || e.is(Errno.EPERM)) {
            return new SetupException(prefix + "permission denied", SetupException.NOT_EXECUTABLE);
        }
        return new SetupException(prefix + Errno.describe(e.errno()).toLowerCase(Locale.ROOT),
                SetupException.SETUP_FAILED);
    }
}
