package dev.minidocker.shim;

import static dev.minidocker.shim.TestBundle.map;
import static dev.minidocker.shim.TestBundle.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.RuntimeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real shim in real namespaces (root): a busybox rootfs, Docker's default spec, util-linux
 * unshare as the launcher uses it. Checks what the container sees, the exit statuses, and that
 * the host is left as it was.
 */
class ShimSmokeTest {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "hostname", "cat", "grep", "ls", "mount", "head",
            "wc", "id", "true");

    @TempDir
    Path dir;

    private Path bundle;
    private String mountsBefore;
    private final List<Path> cgroups = new ArrayList<>();

    record Result(int status, String out, String err) {
    }

    @BeforeAll
    static void rootAndBusybox() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(BUSYBOX), "needs busybox-static");
    }

    @BeforeEach
    void image() throws IOException {
        mountsBefore = Files.readString(Path.of("/proc/self/mountinfo"));
        Path lower = Files.createDirectories(dir.resolve("lower"));
        Files.createDirectories(lower.resolve("bin"));
        Files.copy(BUSYBOX, lower.resolve("bin/busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(lower.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(lower.resolve("etc"));
        Files.writeString(lower.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nbob:x:1000:1000::/home/bob:/bin/sh\n");
        Files.writeString(lower.resolve("etc/group"), "root:x:0:\nwheel:x:10:root\nstaff:x:50:bob\nbob:x:1000:\n");
        Files.writeString(lower.resolve("etc/motd"), "not a program\n");
        Files.setPosixFilePermissions(lower.resolve("etc/motd"), PosixFilePermissions.fromString("rw-r--r--"));
        bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.createDirectories(bundle.resolve("rootfs"));
        Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(dir.resolve("work"));
    }

    @AfterEach
    void hostIsAsItWas() throws IOException {
        for (Path cgroup : cgroups) {
            Files.deleteIfExists(cgroup);
        }
        assertEquals(mountsBefore, Files.readString(Path.of("/proc/self/mountinfo")));
    }

    @Test
    void dockersDefaultsAsTheContainerSeesThem() throws Exception {
        Map<String, Object> spec = TestBundle.dockerSpec(List.of("/bin/sh", "-c", """
                hostname; cat /proc/self/uid_map; grep -E '^Cap(Eff|Bnd)' /proc/self/status; ls /dev
                mount 2>&1 | head -3; wc -c < /proc/interrupts; grep ' /proc/sys ' /proc/mounts
                grep -E ':(memory|pids):' /proc/self/cgroup; ls /sys/fs/cgroup; id; echo $HOME; ls /proc/self/fd
                """));
        Path memory = cgroup("memory");
        Path pids = cgroup("pids");
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "16777216");
        member(spec, "annotations").putAll(map(
                Annotations.OVERLAY, "lowerdir=" + dir.resolve("lower") + ",upperdir=" + dir.resolve("upper") + ",workdir="
                        + dir.resolve("work"),
                Annotations.CGROUP_PROCS, memory.resolve("cgroup.procs") + ":" + pids.resolve("cgroup.procs"),
                Annotations.CGROUP_MOUNTS, "v1:memory,pids"));
        Result r = run(spec);
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("c0ffee\n         0          0 4294967295\nCapEff:\t00000000a80425fb\n"
                + "CapBnd:\t00000000a80425fb\n"), out);
        assertTrue(out.contains("\nfd\nfull\nmqueue\nnull\nptmx\npts\nrandom\nshm\nstderr\nstdin\nstdout\ntty\n"
                + "urandom\nzero\noverlay on / type overlay"), out);
        assertTrue(out.contains("\n0\nproc /proc/sys proc ro,nosuid,nodev,noexec"),
                "masked and read-only /proc: " + out);
        assertTrue(out.contains(":pids:/\n") && out.contains(":memory:/\nmemory\npids\n"), "cgroup namespace: " + out);
        assertTrue(out.endsWith("uid=0(root) gid=0(root) groups=10(wheel)\n/root\n0\n1\n2\n3\n"),
                "only stdio inherited (3 is ls's own): " + out);
        long charged = Long.parseLong(Files.readString(memory.resolve("memory.max_usage_in_bytes")).strip());
        assertTrue(charged < 8 << 20, "the JVM joined after pivot_root, not charged: " + charged);
        String[] initPid = Files.readString(bundle.resolve("init.pid")).split(" ");
        assertEquals(2, initPid.length);
    }

    @Test
    void theEntrypointsStatusAndANamedUser() throws Exception {
        Map<String, Object> spec = TestBundle.dockerSpec(List.of("sh", "-c", "id; exit 3"));
        member(spec, "annotations").put(Annotations.USER, "bob");
        Result r = run(spec);
        assertEquals(new Result(3, "uid=1000(bob) gid=1000(bob) groups=50(staff)\n", ""), r);
    }

    @Test
    void notExecutableIs126AndNotFoundIs127() throws Exception {
        assertEquals(new Result(126, "", "minidocker-shim: exec: \"/etc/motd\": permission denied\n"),
                run(TestBundle.dockerSpec(List.of("/etc/motd"))));
        assertEquals(new Result(127, "", "minidocker-shim: exec: \"nosuch\": executable file not found in $PATH\n"),
                run(TestBundle.dockerSpec(List.of("nosuch"))));
    }

    /** A cgroup of this test in a v1 hierarchy, removed after it. */
    private Path cgroup(String controller) throws IOException {
        Path path = Path.of("/sys/fs/cgroup", controller, "minidocker-shim-test-" + ProcessHandle.current().pid());
        Files.createDirectories(path);
        cgroups.add(path);
        return path;
    }

    /**
     * Runs the shim as the launcher does: util-linux unshare without --fork, so that the shell stays
     * outside the pid namespace and its first child, the shim, is pid 1 in it; the shell records the
     * exit status. The rootfs is bind-mounted unless the spec names an overlay.
     */
    private Result run(Map<String, Object> spec) throws IOException, InterruptedException {
        if (member(spec, "annotations").get(Annotations.OVERLAY) == null) {
            member(spec, "root").put("path", dir.resolve("lower").toString());
        }
        TestBundle.write(bundle, spec);
        List<String> java = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:-MaxFDLimit",
                "--enable-native-access=dev.minidocker.linux",
                "-D" + Syscalls.LIBRARY_PROPERTY + "=" + System.getProperty(Syscalls.LIBRARY_PROPERTY),
                "-p", location(Shim.class) + ":" + location(Syscalls.class) + ":" + location(RuntimeSpec.class),
                "-m", "dev.minidocker.shim/dev.minidocker.shim.Shim", bundle.toString());
        String shell = String.join(" ", java.stream().map(a -> "'" + a + "'").toList())
                + " 0<&0 & wait $!; echo $? > '" + bundle.resolve("exit") + "'";
        Process p = new ProcessBuilder("unshare", "--mount", "--uts", "--ipc", "--net", "--pid", "--propagation",
                "private", "--", "/bin/sh", "-c", shell)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[] err = p.getErrorStream().readAllBytes();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "the shell records the status");
        int status = Integer.parseInt(Files.readString(bundle.resolve("exit")).strip());
        return new Result(status, out, new String(err, StandardCharsets.UTF_8));
    }

    private static String location(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }
}
