package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Docker's seccomp profile between a container's root and the host's kernel: what it keeps from
 * process 1 and from {@code exec}'d processes (the host's keyring, nested user and network
 * namespaces and mounts in them, perf_event_open, userfaultfd, personality(ADDR_NO_RANDOMIZE)),
 * tried by a static probe built here and bound into busybox; what {@code seccomp=unconfined}
 * gives back; custom profiles; and a malformed profile refused before anything is made.
 */
class SeccompIT extends RunTestBase {
    /** The calls the probe makes, each in a process of its own: one left in a new user namespace could make no other. */
    private static final List<String> ATTACKS = List.of("keyctl", "add_key", "unshare-user", "unshare-user-net",
            "unshare-user-mount", "perf_event_open", "userfaultfd", "personality");
    private static final String PROBE_SOURCE = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <fcntl.h>
            #include <linux/keyctl.h>
            #include <linux/perf_event.h>
            #include <linux/userfaultfd.h>
            #include <sched.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/mount.h>
            #include <sys/personality.h>
            #include <sys/syscall.h>
            #include <unistd.h>

            static int write_file(const char *path, const char *text) {
                int fd = open(path, O_WRONLY | O_CLOEXEC);
                int ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t) strlen(text);
                if (fd >= 0) {
                    close(fd);
                }
                return ok ? 0 : -1;
            }

            static long attempt(const char *call) {
                if (strcmp(call, "keyctl") == 0) {
                    /* the user keyring of uid 0: the host root's, since keys are not namespaced */
                    return syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 0);
                }
                if (strcmp(call, "add_key") == 0) {
                    return syscall(SYS_add_key, "user", "minidocker-probe", "x", 1, KEY_SPEC_PROCESS_KEYRING);
                }
                if (strcmp(call, "unshare-user") == 0) {
                    return unshare(CLONE_NEWUSER);
                }
                if (strcmp(call, "unshare-user-net") == 0) {
                    return unshare(CLONE_NEWUSER | CLONE_NEWNET);
                }
                if (strcmp(call, "unshare-user-mount") == 0) {
                    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0 || write_file("/proc/self/setgroups", "deny") != 0
                            || write_file("/proc/self/uid_map", "0 0 1") != 0
                            || write_file("/proc/self/gid_map", "0 0 1") != 0) {
                        return -1;
                    }
                    return mount("none", "/tmp", "tmpfs", 0, NULL);
                }
                if (strcmp(call, "perf_event_open") == 0) {
                    struct perf_event_attr attr = {.type = PERF_TYPE_SOFTWARE, .size = sizeof attr,
                            .config = PERF_COUNT_SW_TASK_CLOCK, .disabled = 1, .exclude_kernel = 1, .exclude_hv = 1};
                    return syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
                }
                if (strcmp(call, "userfaultfd") == 0) {
                    return syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY);
                }
                if (strcmp(call, "personality") == 0) {
                    return personality(ADDR_NO_RANDOMIZE);
                }
                errno = EINVAL;
                return -1;
            }

            int main(int argc, char **argv) {
                long r = argc == 2 ? attempt(argv[1]) : (errno = EINVAL, -1);
                printf("%s %s\\n", argc == 2 ? argv[1] : "usage", r < 0 ? strerrorname_np(errno) : "ok");
                return 0;
            }
            """;

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();
    private static Path probe;

    @BeforeAll
    static void buildProbe() throws IOException {
        probe = TempDirs.create("seccomp-probe");
        Files.writeString(probe.resolve("probe.c"), PROBE_SOURCE);
        HostCommand.check("gcc", "-static", "-O2", "-o", probe.resolve("probe").toString(),
                probe.resolve("probe.c").toString());
    }

    @AfterAll
    static void removeProbe() {
        TempDirs.delete(probe);
    }

    /** Every attack, each by a probe of its own, then the filter's mode from /proc/self/status. */
    private static String attacks() {
        StringBuilder script = new StringBuilder();
        for (String attack : ATTACKS) {
            script.append("/probe/probe ").append(attack).append("; ");
        }
        return script.append("grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status").toString();
    }

    private static List<String> expected(String outcome, String seccompMode, String noNewPrivs) {
        List<String> lines = new ArrayList<>(ATTACKS.stream().map(a -> a + " " + outcome).toList());
        lines.add("NoNewPrivs:\t" + noNewPrivs);
        lines.add("Seccomp:\t" + seccompMode);
        return lines;
    }

    private CommandResult run(String... flagsThenCommand) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "-v", probe + ":/probe:ro"));
        args.addAll(List.of(flagsThenCommand));
        return minidocker.run(args.toArray(String[]::new));
    }

    @Test
    void theDefaultProfileRefusesWhatDockersRefusesAndRunsTheRest() {
        CommandResult result = run(IMAGES.busybox(), "sh", "-c", attacks() + "; ls /probe; echo still here")
                .assertSuccess();
        List<String> lines = result.stdoutLines();
        assertEquals(expected("EPERM", "2", "0"), lines.subList(0, ATTACKS.size() + 2), result::toString);
        assertEquals(List.of("probe", "probe.c", "still here"), lines.subList(ATTACKS.size() + 2, lines.size()));
    }

    @Test
    void unconfinedLetsEveryCallThrough() {
        CommandResult result = run("--security-opt", "seccomp=unconfined", IMAGES.busybox(), "sh", "-c", attacks())
                .assertSuccess();
        assertEquals(expected("ok", "0", "0"), result.stdoutLines(), result::toString);
    }

    @Test
    void withNoNewPrivilegesTheFilterIsInstalledLastAndHoldsTheSame() {
        CommandResult result = run("--security-opt", "no-new-privileges", IMAGES.busybox(), "sh", "-c", attacks())
                .assertSuccess();
        assertEquals(expected("EPERM", "2", "1"), result.stdoutLines(), result::toString);
    }

    @Test
    void execdProcessesGetTheContainersFilter() {
        for (boolean unconfined : List.of(false, true)) {
            List<String> create = new ArrayList<>(List.of("create", "-v", probe + ":/probe:ro"));
            if (unconfined) {
                create.addAll(List.of("--security-opt", "seccomp=unconfined"));
            }
            create.addAll(List.of(IMAGES.busybox(), "sleep", "300"));
            String id = minidocker.run(create.toArray(String[]::new)).assertSuccess().lastStdoutLine();
            minidocker.run("start", id).assertSuccess();
            CommandResult exec = minidocker.run("exec", id, "sh", "-c", attacks()).assertSuccess();
            assertEquals(unconfined ? expected("ok", "0", "0") : expected("EPERM", "2", "0"), exec.stdoutLines(),
                    exec::toString);
            minidocker.run("rm", "-f", id).assertSuccess();
        }
    }

    @Test
    void aProfileOfOnesOwnConfinesAndInspectShowsItAsDockerDoes() throws IOException {
        Path profile = probe.resolve("no-mkdir.json");
        Files.writeString(profile, """
                {
                  "defaultAction": "SCMP_ACT_ALLOW",
                  "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]
                }
                """);
        CommandResult result = minidocker.run("run", "--name", "custom", "-v", probe + ":/probe:ro", "--security-opt",
                "seccomp=" + profile, IMAGES.busybox(), "sh", "-c", "mkdir /tmp/d; /probe/probe keyctl");
        assertAll(
                () -> assertEquals(List.of("keyctl ok"), result.stdoutLines(), result::toString),
                () -> assertTrue(result.stderr().contains("Permission denied"), result::toString));
        assertEquals("[\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\",\\\"syscalls\\\":[{\\\"names\\\":"
                + "[\\\"mkdir\\\",\\\"mkdirat\\\"],\\\"action\\\":\\\"SCMP_ACT_ERRNO\\\",\\\"errnoRet\\\":13}]}\"]",
                inspect("custom").get("HostConfig").get("SecurityOpt").toString());
        // start builds its filter anew from the record, as Docker does: the file is not read again.
        Files.delete(profile);
        CommandResult again = minidocker.run("start", "-a", "custom");
        assertTrue(again.stderr().contains("Permission denied"), again::toString);
        minidocker.run("rm", "custom").assertSuccess();
    }

    @Test
    void aMalformedProfileIsOneLineAndNothingIsMade() throws IOException {
        Path profile = probe.resolve("bad.json");
        Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"],"
                + " \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_SOMETIMES\"}]}]}");
        CommandResult result = minidocker.run("run", "--rm", "--security-opt", "seccomp=" + profile,
                IMAGES.busybox(), "true").assertExit(125);
        assertEquals(List.of("minidocker: read seccomp profile " + profile
                + ": syscalls[0].args[0].op: unknown operator \"SCMP_CMP_SOMETIMES\""), result.stderrLines());
        CommandResult missing = minidocker.run("create", "--security-opt", "seccomp=" + probe.resolve("none.json"),
                IMAGES.busybox()).assertExit(125);
        assertEquals(List.of("minidocker: read seccomp profile " + probe.resolve("none.json")
                + ": no such file or directory"), missing.stderrLines());
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void theProgramIsCompiledOnceAndThenComesFromTheStore() throws IOException {
        for (int i = 0; i < 3; i++) {
            run(IMAGES.busybox(), "true").assertSuccess();
        }
        run("--security-opt", "no-new-privileges", IMAGES.busybox(), "true").assertSuccess();
        assertEquals(1, files("seccomp/sha256"), "one program for Docker's profile on this machine");
        assertEquals(1, files("seccomp/index"), "one index entry for the same profile, machine and capabilities");
        assertEquals(0, files("tmp"), "nothing left half-written");
    }

    private long files(String dir) throws IOException {
        Path path = minidocker.root().resolve(dir);
        if (!Files.isDirectory(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile).count();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
