package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls that change a whole process, each run in a child JVM ({@link SyscallProbe}); needs root. */
class NativeSyscallsChildTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void root() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    }

    @Test
    void pivotRootHostnameAndCgroupNamespace() throws Exception {
        String mountsBefore = Files.readString(Path.of("/proc/self/mountinfo"));
        assertEquals("""
                hostname probe
                cgroupns changed true
                root [marker, old]
                """, run(List.of("unshare", "--mount", "--uts", "--propagation", "private"), "pivot", dir.toString()));
        assertEquals(mountsBefore, Files.readString(Path.of("/proc/self/mountinfo")));
    }

    @Test
    void credentialsBoundingSetNoNewPrivsAndRlimit() throws Exception {
        List<String> lines = run(List.of(), "credentials").lines().toList();
        assertEquals(List.of("Uid: 1000 1000 1000 1000", "Gid: 1001 1001 1001 1001", "Groups: 5 6",
                "NoNewPrivs: 1", "Max open files 100 200 files"), lines.stream()
                .filter(l -> !l.startsWith("Cap")).toList());
        assertEquals("CapEff: 0000000000000000", lines.stream().filter(l -> l.startsWith("CapEff")).findFirst().get());
        long bounding = Long.parseLong(lines.stream().filter(l -> l.startsWith("CapBnd")).findFirst().get()
                .substring(8), 16);
        assertEquals(0, bounding & (1L << 13));
    }

    @Test
    void aSessionLeaderTakesAControllingTerminal() throws Exception {
        assertEquals("session leader true\nhas tty true\n", run(List.of("setsid", "--wait"), "session"));
    }

    @Test
    void execveStartsCleanSignalsAndOnlyStandardFds() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String command = String.join(" ", javaCommand(java, System.getProperty(Syscalls.LIBRARY_PROPERTY), "exec"))
                + " & wait $!";
        String out = run(List.of("sh", "-c", command), null);
        assertEquals("""
                unignored [2, 32]
                SigBlk:\t0000000000000000
                SigIgn:\t0000000000000000
                0
                1
                2
                env passed
                """, out);
    }

    @Test
    void theLibraryIsFoundWhereThePropertySaysAndAMissingOneIsNamed() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String library = System.getProperty(Syscalls.LIBRARY_PROPERTY);
        assertEquals("EEXIST true\n", run(javaCommand(java, library, "library"), null));
        Path missing = dir.resolve("libminidocker-syscall.so");
        String out = run(javaCommand(java, missing.toString(), "library"), null);
        assertTrue(out.startsWith("cannot load minidocker's system-call library " + missing + ": "), out);
        assertEquals(1, out.lines().count(), out);
    }

    /** Runs the probe under {@code wrapper}; with a null scenario the wrapper is the whole command. */
    private static String run(List<String> wrapper, String scenario, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(wrapper);
        if (scenario != null) {
            command.addAll(javaCommand(ProcessHandle.current().info().command().orElseThrow(),
                    System.getProperty(Syscalls.LIBRARY_PROPERTY), scenario, args));
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** The probe's JVM, calling through the system-call library at {@code library}. */
    private static List<String> javaCommand(String java, String library, String scenario, String... args) {
        String classPath = location(NativeSyscalls.class) + ":" + location(SyscallProbe.class);
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                "-D" + Syscalls.LIBRARY_PROPERTY + "=" + library, "-cp", classPath,
                SyscallProbe.class.getName(), scenario));
        command.addAll(List.of(args));
        return command;
    }

    private static String location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }
}
