package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The container's seccomp filter: a program the launcher compiled with libseccomp and keeps in the
 * store, read before pivot_root (the store is the host's) and installed in runc's order: without
 * no_new_privs before the capabilities are dropped, since installing it then takes CAP_SYS_ADMIN
 * (so the calls that drop them must pass the filter); with no_new_privs as the last step before
 * execve, so that as few calls as possible must. Only the calling thread gets the filter (no
 * SECCOMP_FILTER_FLAG_TSYNC): the thread that execs is the only one execve leaves, and the JVM's
 * other threads must stay free to run until then.
 */
final class SeccompFilter {
    /** A struct sock_filter is 8 bytes; the kernel takes at most BPF_MAXINSNS (4096) of them. */
    private static final int INSTRUCTION_BYTES = 8;
    private static final int MAX_INSTRUCTIONS = 4096;

    private final byte[] program;
    private final boolean last;

    private SeccompFilter(byte[] program, boolean last) {
        this.program = program;
        this.last = last;
    }

    /** The program named by the spec, or null for an unconfined container. */
    static SeccompFilter read(String path, boolean noNewPrivileges) throws SetupException {
        if (path == null) {
            return null;
        }
        byte[] program = attempt("read seccomp program", path, () -> Files.readAllBytes(Path.of(path)));
        if (program.length == 0 || program.length % INSTRUCTION_BYTES != 0
                || program.length / INSTRUCTION_BYTES > MAX_INSTRUCTIONS) {
            throw new SetupException("read seccomp program", path, program.length + " bytes is not a BPF program");
        }
        return new SeccompFilter(program, noNewPrivileges);
    }

    /** Installs the filter if this is its moment: {@code beforeExecve} or not. */
    void installIf(boolean beforeExecve, Syscalls sys, Narrator say) throws SetupException {
        if (beforeExecve == last) {
            say.say("seccomp: install the filter (" + program.length / INSTRUCTION_BYTES + " instructions) "
                    + (last ? "last before execve" : "before the capabilities are dropped"));
            attempt("seccomp", "SECCOMP_SET_MODE_FILTER", () -> sys.setSeccompFilter(program));
        }
    }
}
