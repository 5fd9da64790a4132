package dev.minidocker.launcher;

import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.plan.NetworkPlans;
import dev.minidocker.launcher.plan.OverlayPlan;
import dev.minidocker.launcher.plan.ProcessPlan;
import dev.minidocker.launcher.plan.RunFlags;
import dev.minidocker.launcher.plan.SpecBuilder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.linux.Users;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.RuntimeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code exec} runs, decided from a container's spec as {@code run} planned it, and the helper's arguments. */
class ExecPlanTest {
    private static final String ID = "4f2a" + "0".repeat(60);
    private static final ContainerDirs DIRS = new ContainerDirs(ID, Path.of("/var/lib/minidocker/containers/" + ID));
    private static final Path TASKS = Path.of("/sys/fs/cgroup/memory/minidocker/" + ID + "/tasks");
    private static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified/minidocker/" + ID);
    private static final Cgroup.Membership HYBRID = new Cgroup.Membership(List.of(TASKS), Optional.of(UNIFIED),
            "v1:memory,unified");
    private static final Path HELPER = Path.of("/opt/minidocker/lib/minidocker-enter");
    /** Docker's fourteen capabilities as bits (CAP_CHOWN... CAP_AUDIT_WRITE). */
    private static final long DOCKER_CAPS = 0xa80425fbL;
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            bob:x:1000:50:Bob:/home/bob:/bin/sh
            """;
    private static final String GROUP = """
            root:x:0:
            staff:x:50:bob
            audio:x:29:bob
            """;
    private static final Map<String, String> HOST = Map.of("KEEP", "from-host");

    /** The spec of a container run with {@code flags}, its process as ProcessPlan made it. */
    private static RuntimeSpec spec(RunFlags flags, String user, String... env) throws LaunchException {
        return spec(HYBRID, flags, user, env);
    }

    private static RuntimeSpec spec(Cgroup.Membership cgroup, RunFlags flags, String user, String... env)
            throws LaunchException {
        List<String> environment = new ArrayList<>(List.of("PATH=/bin:/usr/bin", "HOSTNAME=box"));
        environment.addAll(List.of(env));
        ProcessPlan process = new ProcessPlan(List.of("sleep", "1000"), environment, "/work", user);
        OverlayPlan rootfs = new OverlayPlan(List.of(Path.of("/l/base")), DIRS.upper(), DIRS.work(), DIRS.rootfs());
        return SpecBuilder.build(DIRS, rootfs, process, flags.options(), NetworkPlans.of(flags.options()), "box", cgroup,
                null, RunFlags.mounts(flags.options()));
    }

    private static ExecPlan plan(RuntimeSpec spec, ExecOptions options) throws LaunchException {
        return ExecPlan.of(spec, options, PASSWD, GROUP, HOST::get);
    }

    private static ExecOptions exec(String... command) {
        return new ExecOptions(List.of(command), List.of(), null, null, false, false, false);
    }

    @Test
    void byDefaultTheContainersNamespacesCgroupsUserDirectoryEnvironmentAndCapabilities() throws Exception {
        ExecPlan plan = plan(spec(RunFlags.run(), "0"), exec("ps", "-ef"));
        assertEquals(List.of(HELPER.toString(), "--pid", "4242", "--start-time", "987654",
                "--ns", "cgroup", "--ns", "ipc", "--ns", "uts", "--ns", "net", "--ns", "pid", "--ns", "mnt",
                "--cgroup", TASKS.toString(), "--clone-into-cgroup", UNIFIED.toString(),
                "--cwd", "/work", "--uid", "0", "--gid", "0",
                "--bounding", "a80425fb", "--effective", "a80425fb", "--permitted", "a80425fb",
                "--env", "PATH=/bin:/usr/bin", "--env", "HOSTNAME=box", "--env", "HOME=/root",
                "--", "ps", "-ef"), plan.arguments(HELPER, 4242, 987654, ExecPlan.Stdio.pipes(false)));
    }

    @Test
    void onCgroupV2TheCommandIsBornInTheContainersCgroupRatherThanJoiningIt() throws Exception {
        Path v2 = Path.of("/sys/fs/cgroup/minidocker/" + ID);
        ExecPlan plan = plan(spec(new Cgroup.Membership(List.of(v2.resolve("cgroup.procs")), Optional.empty(), "v2"),
                RunFlags.run(), "0"), exec("true"));
        assertEquals(List.of(), plan.cgroupProcs());
        assertEquals(Optional.of(v2), plan.cloneInto());
    }

    @Test
    void theHostsNetworkIsNotEnteredAndNoNewPrivsIsKept() throws Exception {
        ExecPlan plan = plan(spec(RunFlags.run().network("host").noNewPrivileges(), "0"), exec("true"));
        assertEquals(List.of("cgroup", "ipc", "uts", "pid", "mnt"), plan.namespaces());
        assertEquals(true, plan.arguments(HELPER, 1, 1, ExecPlan.Stdio.pipes(false)).contains("--no-new-privs"));
    }

    @Test
    void theContainersSeccompProgramIsInstalledForTheCommandToo() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run(), "0").withAnnotation(Annotations.SECCOMP, "/store/seccomp/sha256/ab.bpf");
        List<String> args = plan(spec, exec("true")).arguments(HELPER, 1, 1, ExecPlan.Stdio.pipes(false));
        assertEquals("/store/seccomp/sha256/ab.bpf", args.get(args.indexOf("--seccomp") + 1));
        assertEquals(false, plan(spec(RunFlags.run(), "0"), exec("true")).arguments(HELPER, 1, 1, ExecPlan.Stdio.pipes(false))
                .contains("--seccomp"), "an unconfined container's commands are unconfined");
    }

    @Test
    void theContainersNamedUserIsResolvedAsItsProcessOneWas() throws Exception {
        ExecPlan plan = plan(spec(RunFlags.run().user("bob"), "bob"), exec("id"));
        assertEquals(new Users.ExecUser(1000, 50, List.of(50, 29), "/home/bob"), plan.user());
        assertEquals(DOCKER_CAPS, plan.bounding());
        assertEquals(0, plan.effective(), "no effective capabilities but for root, as Docker");
        assertEquals(0, plan.permitted());
        assertEquals("HOME=/home/bob", plan.env().getLast());
    }

    @Test
    void userAndWorkdirOptionsWin() throws Exception {
        ExecOptions options = new ExecOptions(List.of("id"), List.of(), "bob:audio", "/tmp", false, false, false);
        ExecPlan plan = plan(spec(RunFlags.run(), "0"), options);
        assertEquals(new Users.ExecUser(1000, 29, List.of(), "/home/bob"), plan.user());
        assertEquals("/tmp", plan.cwd());
        ExecOptions root = new ExecOptions(List.of("id"), List.of(), "0", null, false, false, false);
        assertEquals(DOCKER_CAPS, plan(spec(RunFlags.run().user("bob"), "bob"), root).effective());
    }

    @Test
    void theEnvironmentIsDockersWithEnvOptionsOnTop() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run(), "0", "FOO=image", "GONE=1", "HOME=/data");
        ExecOptions options = new ExecOptions(List.of("env"), List.of("HOSTNAME=other", "NEW=1", "GONE", "KEEP",
                "FOO=exec"), null, null, false, true, false);
        assertEquals(List.of("PATH=/bin:/usr/bin", "HOSTNAME=other", "TERM=xterm", "FOO=exec", "HOME=/data", "NEW=1",
                "KEEP=from-host"), plan(spec, options).env());
    }

    @Test
    void theContainersTermWinsOverTheTerminalsDefault() throws Exception {
        ExecOptions tty = new ExecOptions(List.of("sh"), List.of(), null, null, true, true, false);
        assertEquals(true, plan(spec(RunFlags.run(), "0", "TERM=dumb"), tty).env().contains("TERM=dumb"));
    }

    @Test
    void aTerminalDetachOrStdinIsPassedOn() throws Exception {
        ExecPlan plan = plan(spec(RunFlags.run(), "0"), exec("sh"));
        List<String> tty = plan.arguments(HELPER, 1, 1, ExecPlan.Stdio.terminal("/dev/pts/3"));
        assertEquals("/dev/pts/3", tty.get(tty.indexOf("--tty") + 1));
        assertEquals(true, plan.arguments(HELPER, 1, 1, ExecPlan.Stdio.DETACHED).contains("--detach"));
        assertEquals(true, plan.arguments(HELPER, 1, 1, ExecPlan.Stdio.pipes(true)).contains("--stdin"));
        assertEquals(false, tty.contains("--detach") || tty.contains("--stdin"));
    }

    @Test
    void mistakesAreRefused() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run(), "0");
        ExecOptions relative = new ExecOptions(List.of("ls"), List.of(), null, "tmp", false, false, false);
        assertEquals("exec: the working directory 'tmp' is invalid, it needs to be an absolute path",
                assertThrows(LaunchException.class, () -> plan(spec, relative)).getMessage());
        ExecOptions alice = new ExecOptions(List.of("ls"), List.of(), "alice", null, false, false, false);
        assertEquals("exec: resolve user `alice`: no matching entries in passwd file",
                assertThrows(LaunchException.class, () -> plan(spec, alice)).getMessage());
    }

    @Test
    void theHelperRefusesIdsThatSetresuidWouldReadAsUnchanged() throws Exception {
        assertEquals(List.of("minidocker-enter: --uid: out of range (0 to 4294967294): 4294967295"),
                helperRefuses("--uid", "4294967295", "--gid", "0"));
        assertEquals(List.of("minidocker-enter: --gid: out of range (0 to 4294967294): 4294967296"),
                helperRefuses("--uid", "0", "--gid", "4294967296"));
    }

    /** What the real helper says when it refuses {@code ids}, with status 125 (it refuses before it enters anything). */
    private static List<String> helperRefuses(String... ids) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("minidocker.enter", "minidocker-enter"),
                "--pid", "1", "--start-time", "1", "--cwd", "/"));
        command.addAll(List.of(ids));
        command.addAll(List.of("--", "true"));
        Process helper = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertEquals(125, helper.waitFor());
        return new String(helper.getInputStream().readAllBytes()).lines().toList();
    }
}
