package dev.minidocker.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What containers leave on the host, checked after each test: every container the test's
 * {@link Minidocker} made (seen as it appears in {@code <root>/containers/}, so even a {@code --rm}
 * container that is gone again is known) must have no mount in this process's mountinfo, no cgroup
 * under {@code /sys/fs/cgroup/<controller>/minidocker/<id>}, and no process, whether in that cgroup
 * or naming the test's state directory (monitors, shims), and nothing of its networks (an
 * endpoint, a lease, an iptables rule naming it). A detached container's exit command (its
 * monitor's {@code container cleanup}) is waited for first. What it finds it reports, then removes:
 * those processes and cgroups are the test's own. Register after the {@link Minidocker}, with a
 * higher {@code @Order}, so it runs before that removes the state directory.
 */
final class ContainerTraces implements BeforeEachCallback, AfterEachCallback {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final Path PROC = Path.of("/proc");

    private final Minidocker minidocker;
    private final Set<String> ids = new LinkedHashSet<>();
    private WatchService watch;

    ContainerTraces(Minidocker minidocker) {
        this.minidocker = minidocker;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ids.clear();
        Path containers = containers();
        Files.createDirectories(containers);
        watch = FileSystems.getDefault().newWatchService();
        containers.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Set<String> seen = ids();
        watch.close();
        List<String> failures = new ArrayList<>();
        String root = minidocker.root().toString();
        awaitExitCommands(root);
        List<String> mounts = Files.readAllLines(PROC.resolve("self/mountinfo")).stream()
                .filter(line -> line.contains(root) || seen.stream().anyMatch(line::contains))
                .toList();
        if (!mounts.isEmpty()) {
            failures.add("mounts left: " + mounts);
        }
        List<ProcessHandle> processes = processes(root, seen);
        if (!processes.isEmpty()) {
            failures.add("processes left: " + processes.stream().map(ContainerTraces::describe).toList());
            processes.forEach(ProcessHandle::destroyForcibly);
        }
        List<Path> cgroups = cgroups(seen);
        if (!cgroups.isEmpty()) {
            failures.add("cgroups left: " + cgroups);
            cgroups.forEach(ContainerTraces::removeWhenEmpty);
        }
        failures.addAll(StoreNetworks.traces(minidocker.root(), seen));
        List<ProcessHandle> commands = StartedMinidocker.running();
        if (!commands.isEmpty()) {
            failures.add("minidocker commands still running: "
                    + commands.stream().map(ContainerTraces::describe).toList());
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    /** The clean-ups that detached containers' monitors started when they ended, let finish. */
    private static void awaitExitCommands(String root) {
        Eventually.until(() -> ProcessHandle.allProcesses().noneMatch(p -> {
            String line = read(p, "cmdline");
            return line.contains(root) && line.contains("\0container\0cleanup\0");
        }), Duration.ofSeconds(60), "the containers' exit commands to end");
    }

    /** The ids of the containers made so far in this test, removed ones included, in order of appearance. */
    Set<String> ids() {
        WatchKey key;
        while ((key = watch.poll()) != null) {
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path name) {
                    ids.add(name.toString());
                }
            }
            key.reset();
        }
        try (Stream<Path> present = Files.list(containers())) {
            present.forEach(dir -> ids.add(dir.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(ids);
    }

    /** The one container this test made: fails unless there is exactly one. */
    String onlyId() {
        Set<String> all = ids();
        if (all.size() != 1) {
            throw new AssertionError("expected one container, saw " + all);
        }
        return all.iterator().next();
    }

    /** The cgroup directories of container {@code id}, one per hierarchy that has one. */
    static List<Path> cgroups(String id) {
        return cgroups(Set.of(id));
    }

    /** The processes in container {@code id}'s cgroup (none when it has none left). */
    static List<Long> cgroupPids(String id) {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path cgroup : cgroups(id)) {
            Path procs = cgroup.resolve("cgroup.procs");
            try {
                if (Files.exists(procs)) {
                    Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).map(Long::parseLong).forEach(pids::add);
                }
            } catch (IOException gone) {
                // Removed meanwhile: nothing in it.
            }
        }
        return List.copyOf(pids);
    }

    private Path containers() {
        return minidocker.root().resolve("containers");
    }

    private static List<Path> cgroups(Set<String> ids) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> hierarchies = Files.newDirectoryStream(CGROUPS)) {
            for (Path hierarchy : hierarchies) {
                for (String id : ids) {
                    Path cgroup = hierarchy.resolve("minidocker").resolve(id);
                    if (Files.isDirectory(cgroup)) {
                        found.add(cgroup);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Processes naming the state directory on their command line, or in a container's cgroup. */
    private static List<ProcessHandle> processes(String root, Set<String> ids) {
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> !zombie(p))
                .filter(p -> read(p, "cmdline").contains(root)
                        || ids.stream().anyMatch(id -> read(p, "cgroup").contains("/minidocker/" + id)))
                .toList();
    }

    /**
     * A process that has ended and waits for its parent to read its status: a container's, whose
     * monitor was killed, waits for the host's init, which on some machines reaps late. It holds
     * nothing but its pid.
     */
    private static boolean zombie(ProcessHandle process) {
        String stat = read(process, "stat");
        int end = stat.lastIndexOf(')');
        return end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z';
    }

    private static String read(ProcessHandle process, String file) {
        try {
            return Files.readString(PROC.resolve(Long.toString(process.pid())).resolve(file));
        } catch (IOException | UncheckedIOException gone) {
            return "";
        }
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + read(process, "cmdline").replace('\0', ' ').replaceAll("\\s+", " ").strip();
    }

    private static void removeWhenEmpty(Path cgroup) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(cgroup);
                return;
            } catch (IOException busy) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
