package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.launcher.seccomp.SeccompOption;
import dev.minidocker.launcher.userns.UsernsMode;
import java.util.List;

/** {@link RunOptions} as a test spells {@code run} flags: only the ones it sets, the rest Docker's defaults. */
final class RunFlags {
    private String name;
    private List<String> entrypoint;
    private List<String> command = List.of();
    private List<String> env = List.of();
    private String workdir;
    private String user;
    private String hostname;
    private boolean tty;
    private boolean autoRemove;
    private List<String> binds = List.of();
    private List<String> tmpfs = List.of();
    private boolean readOnly;
    private String network;
    private boolean noNewPrivileges;
    private boolean explain;
    private UsernsMode userns;
    private SeccompOption seccomp;

    static RunFlags run() {
        return new RunFlags();
    }

    /** The image's own command: no flags, no arguments. */
    static RunOptions defaults() {
        return run().options();
    }

    RunFlags name(String n) {
        name = n;
        return this;
    }

    /** {@code --entrypoint}; no words is {@code --entrypoint ""}. */
    RunFlags entrypoint(String... words) {
        entrypoint = List.of(words);
        return this;
    }

    /** The arguments after the image. */
    RunFlags command(String... args) {
        command = List.of(args);
        return this;
    }

    /** {@code -e}, each entry {@code K=V} or {@code K}. */
    RunFlags env(String... entries) {
        env = List.of(entries);
        return this;
    }

    RunFlags workdir(String w) {
        workdir = w;
        return this;
    }

    RunFlags user(String u) {
        user = u;
        return this;
    }

    RunFlags hostname(String h) {
        hostname = h;
        return this;
    }

    RunFlags tty() {
        tty = true;
        return this;
    }

    RunFlags rm() {
        autoRemove = true;
        return this;
    }

    RunFlags volume(String... v) {
        binds = List.of(v);
        return this;
    }

    RunFlags tmpfs(String... t) {
        tmpfs = List.of(t);
        return this;
    }

    RunFlags readOnly() {
        readOnly = true;
        return this;
    }

    RunFlags network(String n) {
        network = n;
        return this;
    }

    RunFlags noNewPrivileges() {
        noNewPrivileges = true;
        return this;
    }

    RunFlags explain() {
        explain = true;
        return this;
    }

    RunFlags userns(UsernsMode u) {
        userns = u;
        return this;
    }

    RunFlags seccomp(SeccompOption option) {
        seccomp = option;
        return this;
    }

    RunOptions options() {
        return new RunOptions(name, entrypoint, command, env, workdir, user, hostname, tty, false, autoRemove,
                binds, tmpfs, readOnly, network, Resources.none(), noNewPrivileges, explain, null, userns, seccomp);
    }
}
