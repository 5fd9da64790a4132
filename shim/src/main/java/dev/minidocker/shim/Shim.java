package dev.minidocker.shim;

import static dev.minidocker.shim.SetupException.attempt;

import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.ProcFiles;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.linux.Users;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.PathShorthand;
import dev.minidocker.spec.Resources.DeviceRule;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.spec.json.JsonException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The container's first process. The launcher's monitor (minidocker-monitor) clones it as pid 1
 * of new mount, UTS, IPC, network and pid namespaces, still seeing the host's files and /proc; it
 * carries out {@code <bundle>/config.json} in runc's order and execs the entrypoint. Any failure is
 * one line, naming the step and its path, and exit status 125 (126, 127 for the entrypoint). The
 * line goes to the monitor's report pipe (named by {@value #REPORT_FD}; closed by the execve), so
 * that it never mixes with the container's output, or to stderr when there is none.
 */
public final class Shim {
    static final String REPORT_FD = "MINIDOCKER_REPORT_FD";
    private static final PrintStream REPORT = report(System.getenv(REPORT_FD));

    private final Syscalls sys;
    private final PrintStream err;
    private final Path rootAfterPivot;
    private final boolean training;

    /**
     * {@code rootAfterPivot} is where this process finds the container's files once pivot_root is
     * done: "/" itself, or the rootfs when {@code sys} is a fake whose pivot_root changes nothing.
     * A {@code training} run rehearses pivot_root, the cgroups and exec without carrying them out, and returns.
     */
    Shim(Syscalls sys, PrintStream err, Path rootAfterPivot, boolean training) {
        this.sys = sys;
        this.err = err;
        this.rootAfterPivot = rootAfterPivot;
        this.training = training;
    }

    /**
     * {@code Shim <bundle-dir>}, or {@code Shim --train <bundle-dir>} for an AOT cache training run
     * ({@code -XX:AOTCacheOutput}): the whole setup, but pivot_root, the cgroups and exec only
     * rehearsed (hostname, limits and privileges are the training process's own), then exit 0, since
     * the JVM writes the cache at exit from files that a pivoted process no longer sees. Or
     * {@code Shim --device-filter <bundle-dir>}, run by the launcher as host root for a container
     * with a user namespace of its own: attaches its cgroup v2 device filter and exits 0 (see
     * {@link #run} for why its own shim does not).
     */
    public static void main(String[] args) {
        boolean train = args.length == 2 && args[0].equals("--train");
        boolean deviceFilter = args.length == 2 && args[0].equals("--device-filter");
        if (args.length != 1 && !train && !deviceFilter) {
            fail("usage: minidocker-shim [--train | --device-filter] <bundle-dir>", SetupException.SETUP_FAILED);
        }
        try {
            Path bundle = Path.of(args[args.length - 1]).toAbsolutePath();
            if (deviceFilter) {
                attachDeviceFilter(Syscalls.system(), bundle);
                System.exit(0);
            }
            new Shim(Syscalls.system(), System.err, Path.of("/"), train).run(bundle);
            if (train) {
                System.exit(0);
            }
            fail("execve returned", SetupException.SETUP_FAILED);
        } catch (SetupException e) {
            fail(e.getMessage(), e.exitStatus());
        } catch (RuntimeException e) {
            fail("internal error: " + e, SetupException.SETUP_FAILED);
        }
    }

    /**
     * One line and the status. Runtime.halt, not System.exit: after pivot_root the JDK's exit path
     * (Runtime.exit logging) would look for files of the host's JDK that are gone.
     */
    private static void fail(String message, int status) {
        REPORT.println("minidocker-shim: " + message);
        Runtime.getRuntime().halt(status);
    }

    /** The monitor's report pipe {@code fd}, opened while this process still sees the host's /proc. */
    private static PrintStream report(String fd) {
        if (isDescriptor(fd)) {
            try {
                return new PrintStream(new FileOutputStream("/proc/self/fd/" + fd), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // Not the monitor's pipe after all: stderr will do.
            }
        }
        return System.err;
    }

    /**
     * One to nine digits. Not by a regular expression: the shim's interpreted JVM would load and run
     * java.util.regex, which its AOT cache lacks, for this one check.
     */
    static boolean isDescriptor(String fd) {
        if (fd == null || fd.isEmpty() || fd.length() > 9) {
            return false;
        }
        for (int i = 0; i < fd.length(); i++) {
            if (fd.charAt(i) < '0' || fd.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Sets up the container described by {@code bundle}/config.json and execs its entrypoint. */
    void run(Path bundle) throws SetupException {
        Path config = bundle.resolve("config.json");
        // The first native calls' set-up, the longest step of the shim's start, on a thread of its
        // own while the plan is awaited and read: the launcher has often written it before that set-up is done.
        FutureTask<Void> prepared = new FutureTask<>(sys::prepare, null);
        Thread.ofPlatform().name("prepare-syscalls").start(prepared);
        byte[] json = attempt("read config", config, () -> awaitConfig(config));
        if (json.length == 0) {
            // The launcher gave up (and says why): nothing to add.
            Runtime.getRuntime().halt(SetupException.SETUP_FAILED);
        }
        RuntimeSpec spec = parse(config, json);
        Narrator say = SpecReader.explain(spec) ? new Narrator(err, new PathShorthand(bundle)) : Narrator.SILENT;
        Path rootfs = bundle.resolve(spec.root().path()).normalize();
        RuntimeSpec.Process process = spec.process();

        InitPid.write(bundle, say);
        String selfCgroup = hostFile("/proc/self/cgroup");
        await(prepared);
        // What a training run must not do (its files would be gone when the JVM writes the cache at
        // exit), it rehearses: the same steps through syscalls that do nothing.
        Syscalls late = training ? Rehearsal.syscalls() : sys;
        // Loading a BPF program takes CAP_BPF or CAP_SYS_ADMIN in the host's user namespace: the root of
        // a namespace of the container's own has neither, and the launcher attached its filter.
        List<DeviceRule> deviceRules = SpecReader.userNamespace(spec) ? List.of() : SpecReader.deviceRules(spec);
        Cgroups cgroups = Cgroups.open(late, spec.annotation(Annotations.CGROUP_PROCS),
                spec.annotation(Annotations.CGROUP_MOUNTS), selfCgroup, deviceRules, say);
        cgroups.startJoining();
        Path console = spec.annotation(Annotations.CONSOLE) == null ? null : Path.of(spec.annotation(Annotations.CONSOLE));
        if (console != null) {
            Console.attach(sys, console, say);
        } else if (process.terminal()) {
            // A detached container's terminal: the monitor made it our controlling terminal and stdio.
            console = Console.inherited();
        }
        Mounts mounts = new Mounts(sys, bundle, rootfs, say);
        String overlay = spec.annotation(Annotations.OVERLAY);
        if (SpecReader.userNamespace(spec)) {
            say.say("the monitor mounted the overlay on " + rootfs + " from idmapped layers: files keep their owners");
            overlay = null;
        }
        mounts.mountRootfs(overlay);
        mounts.mountAll(spec.mounts());
        Devices.create(sys, rootfs, spec.linux().devices(), console, say);
        Masks.apply(sys, rootfs, spec.linux(), say);
        createWorkdir(rootfs, process.cwd(), say);

        Users.ExecUser user = user(spec, rootfs);
        List<String> env = withHome(process.env(), user.home());
        int lastCap = Integer.parseInt(hostFile("/proc/sys/kernel/cap_last_cap").strip());
        SeccompFilter seccomp = SeccompFilter.read(spec.annotation(Annotations.SECCOMP), process.noNewPrivileges());
        Preload.classes(training);

        RootPivot.sethostname(sys, spec.hostname(), say);
        RootPivot.pivot(late, rootfs, say);
        if (spec.root().readonly()) {
            RootPivot.remountReadonly(late, say);
        }
        cgroups.join();
        if (SpecReader.cgroupNamespace(spec)) {
            cgroups.unshareNamespace();
        }
        cgroups.mount(SpecReader.cgroupReadOnly(spec));
        Rlimits.apply(sys, process.rlimits(), say);
        if (seccomp != null) {
            seccomp.installIf(false, late, say);
        }
        Capabilities.apply(sys, process.capabilities(), user, process.noNewPrivileges(), lastCap, say);
        // Returns only when the execve is not real: in training, and in tests.
        Exec.exec(late, rootAfterPivot, process.args(), env, process.cwd(), seccomp, say);
    }

    private static RuntimeSpec parse(Path config, byte[] json) throws SetupException {
        try {
            return SpecReader.read(json);
        } catch (JsonException e) {
            throw new SetupException("parse config", config, e.getMessage());
        }
    }

    /** {@code --device-filter}: the filter of the container at {@code bundle}, attached to its cgroup (the launcher says so). */
    private static void attachDeviceFilter(Syscalls sys, Path bundle) throws SetupException {
        Path config = bundle.resolve("config.json");
        RuntimeSpec spec = parse(config, attempt("read config", config, () -> Files.readAllBytes(config)));
        DeviceFilter filter = Cgroups.deviceFilter(sys, spec.annotation(Annotations.CGROUP_PROCS),
                spec.annotation(Annotations.CGROUP_MOUNTS), SpecReader.deviceRules(spec));
        if (filter != null) {
            filter.attach(Narrator.SILENT);
        }
    }

    /** Waits for the syscalls' set-up; what failed there fails here. */
    private static void await(FutureTask<Void> prepared) {
        try {
            prepared.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the syscalls were set up", e);
        }
    }

    /** Who the entrypoint runs as: the spec's user, by name through the image's files when the launcher named one. */
    private static Users.ExecUser user(RuntimeSpec spec, Path rootfs) throws SetupException {
        RuntimeSpec.User ids = spec.process().user();
        try {
            return Users.resolve(spec.annotation(Annotations.USER), ids.uid(), ids.gid(), ids.additionalGids(),
                    imageFile(rootfs, "/etc/passwd"), imageFile(rootfs, "/etc/group"));
        } catch (LinuxException e) {
            throw new SetupException(e.getMessage(), SetupException.SETUP_FAILED);
        }
    }

    /** Creates the working directory if the image lacks it, owned by root, as runc does (before pivot_root). */
    private static void createWorkdir(Path rootfs, String cwd, Narrator say) throws SetupException {
        Path dir = Mounts.resolve(rootfs, cwd);
        if (!Files.isDirectory(dir)) {
            say.say("create the working directory " + cwd);
            attempt("create working directory", cwd, () -> Files.createDirectories(dir));
        }
    }

    /** A file of the image, empty when it has none. */
    private static String imageFile(Path rootfs, String path) throws SetupException {
        Path file = Mounts.resolve(rootfs, path);
        return Files.isRegularFile(file) ? attempt("read", file, () -> Files.readString(file)) : "";
    }

    /** A file of the host's /proc (see {@link ProcFiles}). */
    static String hostFile(String path) throws SetupException {
        return attempt("read", path, () -> ProcFiles.read(Path.of(path)));
    }

    /** The environment with HOME from passwd added when the spec sets none, as Docker does. */
    static List<String> withHome(List<String> env, String home) {
        if (Exec.environment(env, "HOME", null) != null) {
            return env;
        }
        List<String> withHome = new ArrayList<>(env);
        withHome.add("HOME=" + home);
        return withHome;
    }

    /**
     * The launcher starts the shim before it has planned the container, so that the two JVMs boot
     * at once, and writes config.json (whole, by rename) when the plan is ready: wait for it. An
     * empty file is the launcher giving up.
     */
    private static byte[] awaitConfig(Path config) throws IOException {
        Path launcher = config.resolveSibling("launcher.pid");
        // Without a launcher planning the container, the plan is there or it is an error.
        for (long waited = 0; !Files.exists(config) && Files.exists(launcher); waited++) {
            // The launcher may be pulling the image: wait as long as it lives, but not for a dead one.
            if (waited % 50 == 0 && !alive(Files.readString(launcher).trim())) {
                Runtime.getRuntime().halt(SetupException.SETUP_FAILED);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return Files.readAllBytes(config);
    }

    /** {@code "<pid> <start time>"} names a running process: start time is field 22 of /proc/PID/stat. */
    private static boolean alive(String pidAndStart) {
        String[] fields = pidAndStart.split(" ");
        try {
            String stat = Files.readString(Path.of("/proc/" + fields[0] + "/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return after[19].equals(fields[1]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
