package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.launcher.seccomp.SeccompOption;
import dev.minidocker.launcher.userns.UsernsMode;
import dev.minidocker.spec.Resources.DeviceRule;
import java.util.List;

/** {@link RunOptions} as a test spells {@code run} flags: only the ones it sets, the rest Docker's defaults. */
public final class RunFlags {
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
    private List<String> mounts = List.of();
    private List<String> volumesFrom = List.of();
    private boolean readOnly;
    /** No network by default: the tests that plan or run a container on one say so. */
    private NetworkOptions network = NetworkOptions.of(NetworkOptions.NONE);
    private boolean noNewPrivileges;
    private boolean explain;
    private UsernsMode userns;
    private Resources resources;
    private List<DeviceMapping> devices = List.of();
    private List<DeviceRule> deviceCgroupRules = List.of();
    private SeccompOption seccomp;
    private Privileges privileges;

    public static RunFlags run() {
        return new RunFlags();
    }

    /**
     * The mounts {@code options} plan, in a store at {@code /store}, for an image without VOLUMEs
     * and with no other container to take volumes from.
     */
    public static MountPlan mounts(RunOptions options) throws dev.minidocker.launcher.LaunchException {
        try {
            return MountPlanner.plan(options, java.util.Set.of(), c -> {
                throw new dev.minidocker.launcher.LaunchException("No such container: " + c);
            }, n -> java.nio.file.Path.of("/store/volumes", n, "_data"));
        } catch (dev.minidocker.store.StoreException e) {
            throw new IllegalStateException("no store is read here", e);
        }
    }

    /** The image's own command: no flags, no arguments. */
    public static RunOptions defaults() {
        return run().options();
    }

    public RunFlags name(String n) {
        name = n;
        return this;
    }

    /** {@code --entrypoint}; no words is {@code --entrypoint ""}. */
    public RunFlags entrypoint(String... words) {
        entrypoint = List.of(words);
        return this;
    }

    /** The arguments after the image. */
    public RunFlags command(String... args) {
        command = List.of(args);
        return this;
    }

    /** {@code -e}, each entry {@code K=V} or {@code K}. */
    public RunFlags env(String... entries) {
        env = List.of(entries);
        return this;
    }

    public RunFlags workdir(String w) {
        workdir = w;
        return this;
    }

    public RunFlags user(String u) {
        user = u;
        return this;
    }

    public RunFlags hostname(String h) {
        hostname = h;
        return this;
    }

    public RunFlags tty() {
        tty = true;
        return this;
    }

    public RunFlags rm() {
        autoRemove = true;
        return this;
    }

    public RunFlags volume(String... v) {
        binds = List.of(v);
        return this;
    }

    /** {@code --mount}, each a comma-separated list of keys. */
    public RunFlags mount(String... m) {
        mounts = List.of(m);
        return this;
    }

    public RunFlags volumesFrom(String... containers) {
        volumesFrom = List.of(containers);
        return this;
    }

    public RunFlags tmpfs(String... t) {
        tmpfs = List.of(t);
        return this;
    }

    public RunFlags readOnly() {
        readOnly = true;
        return this;
    }

    public RunFlags network(String n) {
        network = NetworkOptions.of(n);
        return this;
    }

    public RunFlags noNewPrivileges() {
        noNewPrivileges = true;
        return this;
    }

    public RunFlags explain() {
        explain = true;
        return this;
    }

    public RunFlags userns(UsernsMode u) {
        userns = u;
        return this;
    }

    /** {@code -m}, {@code --cpus}... as the CLI has checked them. */
    public RunFlags resources(Resources r) {
        resources = r;
        return this;
    }

    /** {@code --device}. */
    public RunFlags devices(DeviceMapping... d) {
        devices = List.of(d);
        return this;
    }

    /** {@code --device-cgroup-rule}. */
    public RunFlags deviceCgroupRules(DeviceRule... r) {
        deviceCgroupRules = List.of(r);
        return this;
    }

    /** {@code --security-opt seccomp=...}. */
    public RunFlags seccomp(SeccompOption option) {
        seccomp = option;
        return this;
    }

    /** {@code --privileged}, {@code --cap-add}, {@code --cap-drop}. */
    public RunFlags privileges(Privileges p) {
        privileges = p;
        return this;
    }

    public RunOptions options() {
        return new RunOptions(name, entrypoint, command, env, workdir, user, hostname, tty, false, autoRemove,
                binds, tmpfs, readOnly, network, resources, noNewPrivileges, explain, null, userns, devices,
                deviceCgroupRules, seccomp, mounts, volumesFrom, privileges);
    }
}
