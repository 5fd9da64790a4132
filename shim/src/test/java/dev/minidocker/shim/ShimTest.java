package dev.minidocker.shim;

import static dev.minidocker.shim.TestBundle.map;
import static dev.minidocker.shim.TestBundle.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.linux.Errno;
import dev.minidocker.spec.Annotations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup order and the error messages, with a recording fake in place of the kernel. */
class ShimTest {
    @TempDir
    Path bundle;

    private Path rootfs;
    private final FakeSyscalls sys = new FakeSyscalls();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Map<String, Object> spec;

    @BeforeEach
    void image() throws Exception {
        rootfs = Files.createDirectories(bundle.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("proc/acpi"));
        Files.createDirectories(rootfs.resolve("proc/sys"));
        Files.createFile(rootfs.resolve("proc/kcore"));
        Files.writeString(rootfs.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nbob:x:1000:1000::/home/bob:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nwheel:x:10:root\nstaff:x:50:bob\n");
        Path sh = Files.createDirectories(rootfs.resolve("bin")).resolve("sh");
        Files.createFile(sh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        spec = TestBundle.dockerSpec(List.of("sh", "-c", "true"));
    }

    private void run() throws Exception {
        TestBundle.write(bundle, spec);
        new Shim(sys, new PrintStream(err, true, StandardCharsets.UTF_8), rootfs, false).run(bundle);
    }

    private SetupException failure() {
        return assertThrows(SetupException.class, this::run);
    }

    @Test
    void mountsComeInRuncsOrder() throws Exception {
        run();
        int privateRoot = sys.indexOf("mount null / null rec|private");
        int bindRootfs = sys.indexOf("mount " + rootfs + " " + rootfs + " null bind|rec");
        int proc = sys.indexOf("mount proc " + rootfs.resolve("proc") + " proc nosuid|nodev|noexec");
        int shm = sys.indexOf("mount shm " + rootfs.resolve("dev/shm") + " tmpfs nosuid|nodev|noexec mode=1777");
        int devNull = sys.indexOf("mknod " + rootfs.resolve("dev/null") + " 20666 259");
        int kcore = sys.indexOf("mount " + rootfs.resolve("dev/null") + " " + rootfs.resolve("proc/kcore")
                + " null bind");
        int acpi = sys.indexOf("mount tmpfs " + rootfs.resolve("proc/acpi") + " tmpfs ro");
        int procSys = sys.indexOf("mount null " + rootfs.resolve("proc/sys")
                + " null ro|nosuid|nodev|noexec|remount|bind");
        int pivot = sys.indexOf("pivot_root . .");
        assertTrue(sys.indexOf("unshare 0x20000") < privateRoot, "a mount namespace of the shim's own first");
        assertTrue(privateRoot < bindRootfs && bindRootfs < proc && proc < shm, "rootfs, then the spec's mounts");
        assertTrue(shm < devNull && devNull < kcore, "devices after the mounts, masks after devices");
        assertTrue(kcore < procSys && acpi < procSys && procSys < pivot);
        assertTrue(sys.calls.stream().noneMatch(c -> c.startsWith("mount cgroup " + rootfs)),
                "cgroup waits for step 9");
        assertTrue(Files.isDirectory(rootfs.resolve("dev/mqueue")), "mount points are made");
    }

    @Test
    void pivotRootRecipe() throws Exception {
        run();
        int hostname = sys.indexOf("sethostname c0ffee");
        int open = sys.indexOf("openDirectory / ");
        int from = sys.indexOf("openDirectory " + rootfs);
        List<String> expected = List.of("openDirectory / = 100", "openDirectory " + rootfs + " = 101", "fchdir 101",
                "pivot_root . .", "fchdir 100", "mount null . null rec|slave", "umount . 2", "chdir /", "close 100",
                "close 101");
        assertEquals(expected, sys.calls.subList(open, open + expected.size()));
        assertTrue(hostname < open && open < from);
    }

    @Test
    void cgroupsAreOpenedBeforeThePivotAndJoinedBeforeTheCgroupNamespace() throws Exception {
        Path memory = bundle.resolve("memory/cgroup.procs");
        Path pids = bundle.resolve("pids/cgroup.procs");
        member(spec, "annotations").putAll(map(Annotations.CGROUP_PROCS, memory + ":" + pids,
                Annotations.CGROUP_MOUNTS, "v1:memory,pids"));
        run();
        int openMemory = sys.indexOf("open " + memory + " 1");
        int openPids = sys.indexOf("open " + pids + " 1");
        int pivot = sys.indexOf("pivot_root");
        int joinMemory = sys.indexOf("write 100 0 " + memory);
        int joinPids = sys.indexOf("write 101 0 " + pids);
        int unshare = sys.indexOf("unshare 0x2000000");
        int tmpfs = sys.indexOf("mount tmpfs /sys/fs/cgroup tmpfs nosuid|nodev|noexec mode=755");
        int memoryMount = sys.indexOf("mount cgroup /sys/fs/cgroup/memory cgroup ro|nosuid|nodev|noexec memory");
        int readonly = sys.indexOf("mount tmpfs /sys/fs/cgroup tmpfs ro|nosuid|nodev|noexec|remount mode=755");
        assertTrue(openMemory < openPids && openPids < pivot);
        // Joined on a thread of the shim's own, while it mounts: before the namespace, whenever that is.
        assertTrue(openPids < joinMemory && joinMemory < joinPids && joinPids < unshare);
        assertTrue(unshare < tmpfs && tmpfs < memoryMount && memoryMount < readonly);
        assertTrue(readonly < sys.indexOf("drop"), "cgroups before privileges are dropped");
    }

    @Test
    void onCgroupV1TheThreadThatExecsJoinsByTheTasksFilesAfterThePivot() throws Exception {
        Path memory = bundle.resolve("memory/tasks");
        Path pids = bundle.resolve("pids/tasks");
        member(spec, "annotations").putAll(map(Annotations.CGROUP_PROCS, memory + ":" + pids,
                Annotations.CGROUP_MOUNTS, "v1:memory,pids"));
        run();
        String self = Thread.currentThread().getName();
        int openMemory = sys.indexOf("open " + memory + " 1");
        int pivot = sys.indexOf("pivot_root");
        int joinMemory = sys.indexOf("write 100 0 " + memory + " by " + self);
        int joinPids = sys.indexOf("write 101 0 " + pids + " by " + self);
        int unshare = sys.indexOf("unshare 0x2000000");
        assertTrue(openMemory < pivot && pivot < joinMemory && joinMemory < joinPids && joinPids < unshare,
                String.join("\n", sys.calls));
        assertTrue(joinPids < sys.indexOf("execve"));
    }

    @Test
    void onAHybridHostTheUnifiedHierarchyIsJoinedByProcessAndMountedAsCgroup2() throws Exception {
        Path pids = bundle.resolve("pids/tasks");
        Path unified = bundle.resolve("unified/cgroup.procs");
        member(spec, "annotations").putAll(map(Annotations.CGROUP_PROCS, pids + ":" + unified,
                Annotations.CGROUP_MOUNTS, "v1:pids,unified"));
        run();
        String self = Thread.currentThread().getName();
        int pivot = sys.indexOf("pivot_root");
        int joinUnified = sys.indexOf("write 101 0 " + unified + " by join-cgroups");
        int joinPids = sys.indexOf("write 100 0 " + pids + " by " + self);
        int unshare = sys.indexOf("unshare 0x2000000");
        int mountUnified = sys.indexOf("mount cgroup2 /sys/fs/cgroup/unified cgroup2 ro|nosuid|nodev|noexec");
        assertTrue(pivot < joinPids && joinPids < unshare && joinUnified < unshare && unshare < mountUnified,
                String.join("\n", sys.calls));
        assertTrue(sys.indexOf("mount cgroup /sys/fs/cgroup/pids cgroup ro|nosuid|nodev|noexec pids") < mountUnified);
    }

    @Test
    void onCgroupV2TheDeviceFilterIsAttachedAfterTheDevicesAreMadeAndBeforeTheCgroupNamespace() throws Exception {
        Path dir = bundle.resolve("minidocker/c1");
        member(spec, "annotations").putAll(map(Annotations.CGROUP_PROCS, dir.resolve("cgroup.procs").toString(),
                Annotations.CGROUP_MOUNTS, "v2"));
        member(spec, "linux").put("resources", map("devices", List.of(map("allow", false, "access", "rwm"),
                map("allow", true, "type", "c", "major", 1, "minor", 3, "access", "rwm"))));
        run();
        int openDir = sys.indexOf("openDirectory " + dir + " = ");
        int devNull = sys.indexOf("mknod " + rootfs.resolve("dev/null"));
        int pivot = sys.indexOf("pivot_root");
        // Six instructions load the request, five match c 1:3, two return the default: deny.
        int load = sys.indexOf("bpf_prog_load type 15 13 instructions GPL = 104");
        int attach = sys.indexOf("bpf_prog_attach program 104 to 101 type 6 flags 2");
        int unshare = sys.indexOf("unshare 0x2000000");
        assertTrue(openDir < pivot && devNull < load && pivot < load && load < attach && attach < unshare,
                String.join("\n", sys.calls));
        assertTrue(attach < sys.indexOf("close 104") && attach < sys.indexOf("close 101"), "both descriptors closed");
    }

    @Test
    void inAUserNamespaceTheShimLeavesTheDeviceFilterToTheLauncher() throws Exception {
        member(spec, "annotations").putAll(map(Annotations.CGROUP_PROCS,
                bundle.resolve("minidocker/c1/cgroup.procs").toString(), Annotations.CGROUP_MOUNTS, "v2"));
        member(spec, "linux").put("resources", map("devices", List.of(map("allow", false, "access", "rwm"))));
        @SuppressWarnings("unchecked")
        List<Object> namespaces = (List<Object>) member(spec, "linux").get("namespaces");
        namespaces.add(TestBundle.map("type", "user"));
        run();
        assertTrue(sys.calls.stream().noneMatch(c -> c.startsWith("bpf")), "its root may not load a program");
    }

    @Test
    void onCgroupV1TheShimAttachesNoDeviceFilter() throws Exception {
        member(spec, "annotations").putAll(map(Annotations.CGROUP_PROCS, bundle.resolve("devices/tasks").toString(),
                Annotations.CGROUP_MOUNTS, "v1:devices"));
        member(spec, "linux").put("resources", map("devices", List.of(map("allow", false, "access", "rwm"))));
        run();
        assertTrue(sys.calls.stream().noneMatch(c -> c.startsWith("bpf")), "the launcher wrote devices.deny");
    }

    @Test
    void theSpecsDevicesAreMadeWithTheirTypeNumbersModeAndOwner() throws Exception {
        member(spec, "linux").put("devices", List.of(
                map("path", "/dev/net/tun", "type", "c", "major", 10, "minor", 200, "fileMode", 0600, "uid", 0, "gid", 0),
                map("path", "/dev/sdz", "type", "b", "major", 8, "minor", 0, "fileMode", 0660, "uid", 0, "gid", 6)));
        run();
        Path tun = rootfs.resolve("dev/net/tun");
        Path sdz = rootfs.resolve("dev/sdz");
        int mknodTun = sys.indexOf("mknod " + tun + " 20600 " + (10 << 8 | 200));
        assertEquals(List.of("chmod " + tun + " 600", "lchown " + tun + " 0 0"),
                sys.calls.subList(mknodTun + 1, mknodTun + 3));
        int mknodSdz = sys.indexOf("mknod " + sdz + " 60660 " + (8 << 8));
        assertEquals(List.of("chmod " + sdz + " 660", "lchown " + sdz + " 0 6"),
                sys.calls.subList(mknodSdz + 1, mknodSdz + 3));
        assertTrue(Files.isDirectory(rootfs.resolve("dev/net")));
        assertTrue(sys.indexOf("mknod " + rootfs.resolve("dev/tty")) < mknodTun, "after the default nodes");
    }

    @Test
    void aTrainingRunOnlyRehearsesThePivotTheCgroupsAndExec() throws Exception {
        Path memory = bundle.resolve("memory/cgroup.procs");
        member(spec, "annotations").putAll(map(Annotations.CGROUP_PROCS, memory.toString(),
                Annotations.CGROUP_MOUNTS, "v1:memory"));
        TestBundle.write(bundle, spec);
        new Shim(sys, new PrintStream(err, true, StandardCharsets.UTF_8), rootfs, true).run(bundle);
        assertTrue(sys.indexOf("mount proc " + rootfs.resolve("proc") + " proc nosuid|nodev|noexec") >= 0,
                "the mounts are real: " + sys.calls);
        assertTrue(sys.indexOf("sethostname") >= 0 && sys.indexOf("drop 2") >= 0, "so are hostname and privileges");
        for (String rehearsed : List.of("open " + memory, "write", "pivot_root", "fchdir", "unshare 0x2000000",
                "mount tmpfs /sys/fs/cgroup", "mount cgroup", "clear signal mask", "close_range", "execve")) {
            assertTrue(sys.calls.stream().noneMatch(c -> c.startsWith(rehearsed)), rehearsed + " is only rehearsed");
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void privilegesDropInOrderAndExecComesLast() throws Exception {
        member(spec, "process").put("rlimits", List.of(map("type", "RLIMIT_NOFILE", "soft", 1024, "hard", 4096)));
        member(spec, "process").put("noNewPrivileges", true);
        run();
        int rlimit = sys.indexOf("setrlimit 7 1024 4096");
        int drop = sys.indexOf("drop 2");
        int lastDrop = sys.lastIndexOf("drop ");
        int groups = sys.indexOf("setgroups [10]");
        int gid = sys.indexOf("setresgid 0 0 0");
        int uid = sys.indexOf("setresuid 0 0 0");
        int capset = sys.indexOf("capset a80425fb a80425fb 0");
        int nnp = sys.indexOf("no_new_privs");
        int closeRange = sys.indexOf("close_range 3 -1 4");
        int chdir = sys.lastIndexOf("chdir /");
        int execve = sys.indexOf("execve /bin/sh [sh, -c, true]");
        assertTrue(rlimit < drop && lastDrop < groups && groups < gid && gid < uid && uid < capset && capset < nnp);
        assertTrue(nnp < closeRange && closeRange < chdir && chdir < execve);
        assertEquals(sys.calls.size() - 1, execve);
        assertTrue(sys.calls.get(execve).endsWith("HOME=/root]"), "HOME from passwd: " + sys.calls.get(execve));
        assertEquals(40 - 13, sys.calls.stream().filter(c -> c.startsWith("drop ")).count(),
                "every capability up to cap_last_cap but Docker's 14");
    }

    @Test
    void withoutNoNewPrivsTheSeccompFilterComesBeforeTheCapabilitiesAreDropped() throws Exception {
        member(spec, "annotations").put(Annotations.SECCOMP, program(3).toString());
        member(spec, "process").put("rlimits", List.of(map("type", "RLIMIT_NOFILE", "soft", 1024, "hard", 4096)));
        run();
        int rlimit = sys.indexOf("setrlimit 7 1024 4096");
        int seccomp = sys.indexOf("seccomp 3");
        assertTrue(rlimit < seccomp && seccomp < sys.indexOf("drop 2"),
                "installed while CAP_SYS_ADMIN is held: " + sys.calls);
        assertEquals(1, sys.calls.stream().filter(c -> c.startsWith("seccomp")).count());
    }

    @Test
    void withNoNewPrivsTheSeccompFilterIsTheLastStepBeforeExecve() throws Exception {
        member(spec, "annotations").put(Annotations.SECCOMP, program(3).toString());
        member(spec, "process").put("noNewPrivileges", true);
        run();
        int nnp = sys.indexOf("no_new_privs");
        int chdir = sys.lastIndexOf("chdir /");
        int seccomp = sys.indexOf("seccomp 3");
        int execve = sys.indexOf("execve /bin/sh [sh, -c, true]");
        assertTrue(nnp < chdir && chdir < seccomp, "after no_new_privs and the set-up: " + sys.calls);
        assertEquals(execve - 1, seccomp);
        assertEquals(1, sys.calls.stream().filter(c -> c.startsWith("seccomp")).count());
    }

    @Test
    void aSeccompProgramThatIsNotThereOrNotAProgramFailsTheSetUp() throws Exception {
        Path missing = bundle.resolve("none.bpf");
        member(spec, "annotations").put(Annotations.SECCOMP, missing.toString());
        assertEquals("read seccomp program `" + missing + "`: No such file or directory", failure().getMessage());
        Path torn = Files.write(bundle.resolve("torn.bpf"), new byte[12]);
        member(spec, "annotations").put(Annotations.SECCOMP, torn.toString());
        assertEquals("read seccomp program `" + torn + "`: 12 bytes is not a BPF program", failure().getMessage());
        assertTrue(sys.calls.stream().noneMatch(c -> c.startsWith("seccomp") || c.startsWith("execve")));
    }

    /** A file of {@code instructions} BPF instructions (what is in them does not matter to the fake). */
    private Path program(int instructions) throws Exception {
        return Files.write(bundle.resolve("filter.bpf"), new byte[8 * instructions]);
    }

    @Test
    void aNamedUserGetsItsIdsGroupsAndNoCapabilities() throws Exception {
        member(spec, "annotations").put(Annotations.USER, "bob");
        run();
        sys.indexOf("setgroups [50]");
        sys.indexOf("setresgid 1000 1000 1000");
        sys.indexOf("setresuid 1000 1000 1000");
        sys.indexOf("capset 0 0 0");
        assertTrue(sys.calls.getLast().endsWith("HOME=/home/bob]"));
    }

    @Test
    void consoleBecomesStdioAndDevConsole() throws Exception {
        member(spec, "annotations").put(Annotations.CONSOLE, "/dev/pts/7");
        run();
        int open = sys.indexOf("open /dev/pts/7 2");
        List<String> expected = List.of("open /dev/pts/7 2", "ioctl 100 0x540e 0", "dup3 100 0", "dup3 100 1",
                "dup3 100 2", "close 100");
        assertEquals(expected, sys.calls.subList(open, open + expected.size()));
        assertTrue(open < sys.indexOf("mount null / null rec|private"));
        sys.indexOf("mount /dev/pts/7 " + rootfs.resolve("dev/console") + " null bind");
    }

    @Test
    void readonlyRootIsRemountedAfterThePivotAndOverlayReplacesTheBind() throws Exception {
        member(spec, "root").put("readonly", true);
        member(spec, "annotations").put(Annotations.OVERLAY, "lowerdir=/l1:/l2,upperdir=/u,workdir=/w");
        run();
        int overlay = sys.indexOf("mount overlay " + rootfs + " overlay 0 lowerdir=/l1:/l2,upperdir=/u,workdir=/w");
        int remount = sys.indexOf("mount null / null ro|nosuid|nodev|noexec|remount|bind");
        assertTrue(overlay < sys.indexOf("pivot_root") && sys.indexOf("pivot_root") < remount);
        assertTrue(sys.calls.stream().noneMatch(c -> c.startsWith("mount " + rootfs + " " + rootfs)));
    }

    @Test
    void inAUserNamespaceTheMonitorsIdmappedOverlayIsBoundOntoItselfNotMountedAgain() throws Exception {
        member(spec, "annotations").put(Annotations.OVERLAY, "lowerdir=/l1:/l2,upperdir=/u,workdir=/w");
        @SuppressWarnings("unchecked")
        List<Object> namespaces = (List<Object>) member(spec, "linux").get("namespaces");
        namespaces.add(TestBundle.map("type", "user"));
        run();
        assertTrue(sys.calls.stream().noneMatch(c -> c.startsWith("mount overlay")), sys.calls::toString);
        assertTrue(sys.indexOf("mount " + rootfs + " " + rootfs + " null bind|rec") < sys.indexOf("pivot_root"));
    }

    @Test
    void explainNarratesEachStep() throws Exception {
        member(spec, "annotations").put(Annotations.EXPLAIN, "true");
        run();
        String told = err.toString(StandardCharsets.UTF_8);
        assertTrue(told.contains("shim: mount proc on /proc (nosuid,noexec,nodev)\n"), told);
        assertTrue(told.contains("shim: pivot_root into $CONTAINER/rootfs, then"), told);
        assertTrue(told.contains("shim: exec /bin/sh with [-c, true]\n"), told);
    }

    @Test
    void initPidHoldsTheHostPidAndStartTime() throws Exception {
        run();
        String stat = Shim.hostFile("/proc/self/stat");
        String startTime = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
        assertEquals(ProcessHandle.current().pid() + " " + startTime, Files.readString(bundle.resolve("init.pid")));
        assertTrue(Files.notExists(bundle.resolve("init.pid.tmp")));
    }

    @Test
    void errorsNameTheStepAndThePath() throws Exception {
        sys.failOn("pivot_root", Errno.EINVAL);
        SetupException e = failure();
        assertEquals("pivot_root `" + rootfs + "`: Invalid argument", e.getMessage());
        assertEquals(125, e.exitStatus());
    }

    @Test
    void aFailedMountNamesItsTypeAndTarget() {
        sys.failOn("mount proc", Errno.ENODEV);
        assertEquals("mount proc `" + rootfs.resolve("proc") + "`: No such device", failure().getMessage());
    }

    @Test
    void aFailedJoinNamesTheCgroupFile() {
        member(spec, "annotations").put(Annotations.CGROUP_PROCS, "/sys/fs/cgroup/pids/minidocker/x/cgroup.procs");
        sys.failOn("write", Errno.EBUSY);
        assertEquals("join cgroup `/sys/fs/cgroup/pids/minidocker/x/cgroup.procs`: Device or resource busy",
                failure().getMessage());
    }

    @Test
    void aMissingConfigAndABadOneAreNamed() throws Exception {
        SetupException missing = assertThrows(SetupException.class,
                () -> new Shim(sys, System.err, rootfs, false).run(bundle));
        assertEquals("read config `" + bundle.resolve("config.json") + "`: No such file or directory",
                missing.getMessage());
        Files.writeString(bundle.resolve("config.json"),
                "{\"process\": {\"args\": [\"sh\"]}, \"root\": {\"path\": 7}}");
        SetupException bad = assertThrows(SetupException.class,
                () -> new Shim(sys, System.err, rootfs, false).run(bundle));
        assertEquals("parse config `" + bundle.resolve("config.json") + "`: root.path is not a string",
                bad.getMessage());
    }

    @Test
    void anUnknownUserStopsTheSetup() {
        member(spec, "annotations").put(Annotations.USER, "alice");
        assertEquals("resolve user `alice`: no matching entries in passwd file", failure().getMessage());
    }

    @Test
    void entrypointNotFoundIs127AndNotExecutableIs126() throws Exception {
        member(spec, "process").put("args", List.of("nosuch"));
        SetupException notFound = failure();
        assertEquals("exec: \"nosuch\": executable file not found in $PATH", notFound.getMessage());
        assertEquals(127, notFound.exitStatus());

        member(spec, "process").put("args", List.of("/etc"));
        sys.failOn("execve /etc", Errno.EACCES);
        SetupException denied = failure();
        assertEquals("exec: \"/etc\": permission denied", denied.getMessage());
        assertEquals(126, denied.exitStatus());

        member(spec, "process").put("args", List.of("/gone"));
        sys.failOn("execve /gone", Errno.ENOENT);
        assertEquals(127, failure().exitStatus());
    }

    @Test
    void theReportPipeIsNamedByDigitsAlone() {
        assertTrue(Shim.isDescriptor("3"));
        assertTrue(Shim.isDescriptor("123456789"));
        for (String bad : Arrays.asList(null, "", "1234567890", "-1", " 3", "3/../../etc/passwd", "٣")) {
            assertFalse(Shim.isDescriptor(bad), bad);
        }
    }
}
