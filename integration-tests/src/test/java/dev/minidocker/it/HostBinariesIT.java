package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No host binary that is ever a process of a container can be written from inside it, the
 * CVE-2019-5736 class (issue 15, item 3): the shim's java, which is process 1 until the
 * entrypoint's execve and which an entrypoint of {@code #!/proc/self/exe} runs again, and the exec
 * helper, which a command of {@code #!/proc/self/exe} runs again inside.
 */
class HostBinariesIT extends RunTestBase {
    /** The exec helper, as the commands run it. */
    private static final Path HELPER = Minidocker.HOME.resolve("cli/target/lib/minidocker-enter");
    /** Where the host's java (a PIE) has the kernel load its ELF interpreter from: the container's root. */
    private static final String ELF_INTERPRETER = "/lib64/ld-linux-x86-64.so.2";

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();
    @RegisterExtension
    static final BoundaryProbes PROBES = new BoundaryProbes();

    @Test
    void anEntrypointOfProcSelfExeFindsTheShimsJavaReadOnly() throws IOException {
        pull(IMAGES.busybox());
        Path entrypoint = executable("entrypoint", "#!/proc/self/exe\n");
        // The kernel runs the host's java with the probe as its interpreter: the probe is then a
        // process of the container whose /proc/self/exe is the host's java.
        CommandResult run = minidocker.run("run", "--rm", "-v", PROBES.interpreter() + ":" + ELF_INTERPRETER + ":ro",
                "-v", entrypoint + ":/entrypoint:ro", IMAGES.busybox(), "/entrypoint").assertSuccess();
        List<String> lines = run.stdoutLines();
        assertAll(
                () -> assertTrue(lines.getFirst().matches("exe .*/bin/java"), run::toString),
                () -> assertEquals("write /proc/self/exe: Read-only file system", lines.getLast(), run::toString));
    }

    @Test
    void theExecHelperRunAgainInsideCannotBeRewritten() {
        pull(IMAGES.busybox());
        String before = StoreFiles.sha256(HELPER);
        // Process 1 plants a command that re-executes whatever runs it, waits for that to run (its
        // own command line must not match), holds its executable open, and writes to it once
        // nothing runs it any more.
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sh", "-c", String.join("\n",
                "printf '#!/proc/self/exe --env\\n' > /evil && chmod +x /evil && echo ready",
                "e=ev end=$(($(date +%s) + 60))",
                "while [ -z \"$p\" ] && [ $(date +%s) -lt $end ]; do",
                "  for f in /proc/[0-9]*/cmdline; do",
                "    tr '\\0' ' ' < $f 2>/dev/null | grep -q -- \"--env /${e}il\" && p=${f%/cmdline}",
                "  done",
                "done",
                "[ -n \"$p\" ] || { echo 'not found'; ps -o pid,args; exit 1; }",
                "exec 3< $p/exe && echo \"held $(readlink $p/exe)\"",
                "i=0",
                "while [ -e $p ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done",
                "[ -e $p ] && { echo 'still running'; ps -o pid,stat,args; cat $p/status; }",
                "sleep 1",
                "if echo pwned >> /proc/self/fd/3; then echo WRITTEN; else echo REFUSED; fi")).assertSuccess()
                .lastStdoutLine();
        awaitReady(id);
        // The helper's child execs /evil; the kernel runs /proc/self/exe, the helper, as the command,
        // which itself runs `sleep 3` in the container (options only a process already inside needs).
        minidocker.run("exec", "-d", id, "/evil", "--pid", "1", "--start-time", startTime(id), "--cwd", "/",
                "--uid", "0", "--gid", "0", "--", "/bin/sleep", "3").assertSuccess();
        minidocker.run("wait", id).assertSuccess();
        String log = minidocker.run("logs", id).assertSuccess().stdout();
        assertAll(
                () -> assertTrue(log.contains("held /memfd:minidocker-enter"), log),
                () -> assertTrue(log.contains("REFUSED"), log),
                () -> assertEquals(before, StoreFiles.sha256(HELPER), "the helper on the host is unchanged"));
        minidocker.run("rm", id).assertSuccess();
    }

    private Path executable(String name, String content) throws IOException {
        Path file = Files.writeString(minidocker.scratch().resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** The start time of the container's process 1 (field 22 of its stat), which the helper checks. */
    private String startTime(String id) {
        String stat = minidocker.run("exec", id, "cat", "/proc/1/stat").assertSuccess().stdout();
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }
}
