package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.ShimCommand;
import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.cgroup.Cgroups;
import dev.minidocker.launcher.cgroup.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing is spun at run time on a run's path. A lambda, a string concatenation, a type switch or
 * a method reference that the AOT training did not meet is defined anew at every run (its source
 * is the code that defined it, not the cache), and a class of minidocker's that the training did
 * not load is read from its jar: each shows up here by its name (docs/performance.md says what
 * they cost). Each JVM runs with {@code -Xlog:class+load}, which names the source of every class:
 * the AOT cache ("shared objects file"), the JDK's modules ({@code jrt:/}), a jar, or the code that
 * defined it. The shim is held to its cache alone, but for FFM's link; the launcher may also read
 * some of the JDK's own classes that the cache leaves out (JFR's events, for one).
 */
class NothingSpunIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();
    /** The source the class+load log gives a class read from the AOT cache. */
    private static final String FROM_CACHE = "source: shared objects file";
    /** {@code [0.131s][TID] NAME source: ...}, a hidden class's address cut off. */
    private static final Pattern LOAD = Pattern.compile("\\[[^]]*]\\[(\\d+)] (\\S+?)(?:/0x\\p{XDigit}+)? (source: .*)");
    /** Where the JDK's own classes come from when the cache does not hold them. */
    private static final String FROM_JDK = "source: jrt:/";
    /**
     * The shim's JVM: FFM links its one downcall handle at run time, on a thread of its own while
     * the shim waits for the plan, and the link defines its stub, its method handles' lambda forms
     * and the JDK's own type switches there. No other thread of the shim defines a class.
     */
    private static final Set<String> FFM_LINK = Set.of("jdk.internal.foreign.abi.DowncallStub",
            "java.lang.invoke.LambdaForm$DMH", "java.lang.invoke.LambdaForm$MH", "java.lang.invoke.LambdaForm$BMH",
            "jdk.internal.foreign.abi.AbstractLinker$$TypeSwitch",
            "jdk.internal.foreign.abi.CallingSequenceBuilder$$TypeSwitch",
            "jdk.internal.foreign.abi.BindingSpecializer$$TypeSwitch");
    private static final String LINK_STUB = "jdk.internal.foreign.abi.DowncallStub";

    @Test
    void theLauncherSpinsNothingOnTheWayToTheExit() throws IOException {
        pull(IMAGES.busybox());
        // A first run puts the container's seccomp program in the store, as every run but a machine's first finds it.
        minidocker.run("run", "--rm", IMAGES.busybox(), "true").assertSuccess();
        Path logs = Files.createDirectories(minidocker.scratch().resolve("class-load"));
        minidocker.env("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + logs.resolve("jvm.%p") + ":uptime,tid");
        minidocker.run("run", "--rm", IMAGES.busybox(), "true").assertSuccess();

        List<Load> launcher = launcherLog(logs);
        List<String> spun = launcher.stream().filter(load -> !load.fromCache() && !load.source().startsWith(FROM_JDK))
                .map(Load::toString).toList();
        assertTrue(launcher.size() > 1000, "a log of the whole run: " + launcher.size() + " classes");
        assertEquals(List.of(), spun, "classes the launcher's JVM spun or read from minidocker's jars at run time");
    }

    @Test
    void theShimLoadsOnlyItsCacheAndFfmsLinkOnTheWayToExec() throws IOException, LaunchException {
        pull(IMAGES.busybox());
        String id = minidocker.run("create", IMAGES.busybox(), "true").assertSuccess().lastStdoutLine();
        Path bundle = minidocker.root().resolve("containers").resolve(id);
        Path log = minidocker.scratch().resolve("shim-class-load.log");
        // The cgroup the starter would make; the shim joins it.
        Cgroup cgroup = Cgroups.forContainer(Path.of("/sys/fs/cgroup"), id, event -> { });
        cgroup.create(Resources.none(), List.of());
        try {
            List<String> unshare = new ArrayList<>(List.of("unshare", "--mount", "--uts", "--ipc", "--pid", "--net",
                    "--fork", "--propagation", "private", "--"));
            unshare.addAll(loggedShim(bundle, log));
            HostCommand.of(unshare).run().assertSuccess();
        } finally {
            cgroup.delete();
        }
        minidocker.run("rm", id).assertSuccess();

        List<Load> shim = parse(log);
        String linkThread = shim.stream().filter(load -> load.name().equals(LINK_STUB)).map(Load::thread).findFirst()
                .orElseThrow(() -> new AssertionError("the shim linked no downcall: " + log));
        List<String> spun = shim.stream()
                .filter(load -> !load.fromCache() && !(load.thread().equals(linkThread) && FFM_LINK.contains(load.name())))
                .map(Load::toString).toList();
        assertAll(shim, spun);
    }

    private static void assertAll(List<Load> shim, List<String> spun) {
        assertTrue(shim.stream().anyMatch(load -> load.name().equals("dev.minidocker.shim.Exec")),
                "the log ends before the shim's exec: " + shim.size() + " classes");
        assertEquals(List.of(), spun, "classes the shim's JVM loaded from outside its AOT cache, or off FFM's link");
    }

    /** The shim's command as the launcher starts it, with the class+load log after its {@code -Xlog:disable}. */
    private static List<String> loggedShim(Path bundle, Path log) throws LaunchException {
        String javaHome = System.getenv().getOrDefault("MINIDOCKER_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
        Path lib = Minidocker.HOME.resolve("cli/target/lib");
        List<String> command = new ArrayList<>(new ShimCommand(Path.of(javaHome, "bin", "java"), lib).command(bundle));
        assertTrue(command.stream().anyMatch(arg -> arg.startsWith("-XX:AOTCache=")),
                "the shim's AOT cache is missing or older than its jars: " + command);
        int disable = command.indexOf("-Xlog:disable");
        assertFalse(disable < 0, "the shim's command has no -Xlog:disable to log after: " + command);
        command.add(disable + 1, "-Xlog:class+load=info:file=" + log + ":uptime,tid");
        return command;
    }

    /** The log of the JVM that ran minidocker's main class (the shim's, under -Xlog:disable, is empty). */
    private static List<Load> launcherLog(Path logs) throws IOException {
        Map<Path, List<Load>> byFile = new TreeMap<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                byFile.put(file, parse(file));
            }
        }
        List<List<Load>> launchers = byFile.values().stream()
                .filter(loads -> loads.stream().anyMatch(load -> load.name().equals("dev.minidocker.cli.Main"))).toList();
        assertEquals(1, launchers.size(), "one launcher JVM's log among " + byFile.keySet());
        return launchers.getFirst();
    }

    private static List<Load> parse(Path log) throws IOException {
        List<Load> loads = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOAD.matcher(line);
            if (m.matches()) {
                loads.add(new Load(m.group(1), m.group(2), m.group(3)));
            }
        }
        return loads;
    }

    private record Load(String thread, String name, String source) {
        boolean fromCache() {
            return source.equals(FROM_CACHE);
        }

        @Override
        public String toString() {
            return name + " (" + source + ", thread " + thread + ")";
        }
    }
}
