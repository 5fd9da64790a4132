package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The CNI reference plugins, run as the CNI spec says: one process a call, its command and context in
 * {@code CNI_*} variables, the network configuration on stdin, a result or an error as JSON on stdout.
 * Debian's {@code containernetworking-plugins} installs them in /usr/lib/cni; upstream's go to
 * /opt/cni/bin.
 */
final class CniPlugins {
    static final List<Path> SEARCH = List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"));
    static final List<String> NEEDED = List.of("bridge", "host-local", "portmap", "firewall");
    /** A plugin that takes longer is stuck (bridge itself waits at most 2.5 s for its port). */
    private static final long TIMEOUT_SECONDS = 60;
    /** Where the plugins look for iptables and the other commands they run by name. */
    private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Path dir;
    private final String portmapPath;

    private CniPlugins(Path dir, String portmapPath) {
        this.dir = dir;
        this.portmapPath = portmapPath;
    }

    /**
     * The first directory of {@code search} that holds every plugin this package runs, portmap given
     * {@code ipv4Only} (see {@link #ipv4Only}) first on its PATH.
     */
    static CniPlugins find(List<Path> search, Path ipv4Only) throws LaunchException {
        for (Path dir : search) {
            if (NEEDED.stream().allMatch(p -> Files.isExecutable(dir.resolve(p)))) {
                return new CniPlugins(dir, ipv4Only(ipv4Only) + ":" + SYSTEM_PATH);
            }
        }
        throw new LaunchException("networking needs the CNI plugins (" + String.join(", ", NEEDED) + ") in "
                + String.join(" or ", search.stream().map(Path::toString).toList())
                + ": apt-get install containernetworking-plugins");
    }

    Path dir() {
        return dir;
    }

    /**
     * A directory whose {@code ip6tables} is {@code false}, made once. The networks are IPv4 only, but
     * portmap cannot be told so: each of its DELs opens both families and clears its chains in each,
     * half its iptables processes (on the way out of every {@code run --rm -p}) for IPv6 chains it
     * never made. An ip6tables that fails its {@code --version} makes portmap leave IPv6 alone (the
     * firewall plugin, which needs both, refuses it).
     */
    private static Path ipv4Only(Path dir) throws LaunchException {
        Path ip6tables = dir.resolve("ip6tables");
        if (Files.isSymbolicLink(ip6tables)) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            Files.createSymbolicLink(ip6tables, Path.of("/bin/false"));
        } catch (java.nio.file.FileAlreadyExistsException madeMeanwhile) {
            // Another command made it at the same time.
        } catch (IOException e) {
            throw new LaunchException("make the plugins' PATH " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** The context of a call: which container, which namespace, which interface in it. */
    record Context(String containerId, String netns, String ifname) {
    }

    /**
     * Runs {@code plugin} with {@code command} and {@code config}; returns what it printed. A plugin's
     * failure becomes its error's {@code msg} and {@code details} (the spec's error JSON), or what it
     * wrote on stderr when it printed none. Each call is told to {@code narrator}, failed ones too.
     */
    String call(String plugin, String command, Context context, String config, Consumer<PluginCall> narrator)
            throws LaunchException {
        ProcessBuilder builder = new ProcessBuilder(dir.resolve(plugin).toString());
        Map<String, String> env = builder.environment();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", context.containerId());
        env.put("CNI_NETNS", context.netns());
        env.put("CNI_IFNAME", context.ifname());
        env.put("CNI_PATH", dir.toString());
        // The plugins run iptables by name.
        env.put("PATH", plugin.equals("portmap") ? portmapPath : SYSTEM_PATH);
        long start = System.nanoTime();
        String out;
        String err;
        int status;
        try {
            Process process = builder.start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(config.getBytes(StandardCharsets.UTF_8));
            }
            out = drain(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LaunchException(command + " " + plugin + ": no answer in " + TIMEOUT_SECONDS + " s");
            }
            status = process.exitValue();
            err = stderr.join();
        } catch (IOException e) {
            throw new LaunchException(command + " " + plugin + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(command + " " + plugin + ": interrupted", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String error = status == 0 ? null : errorOf(out, err, status);
        narrator.accept(new PluginCall(plugin, command, context.containerId(), context.netns(), context.ifname(),
                config, oneLine(out), error, elapsed));
        if (error != null) {
            throw new LaunchException(command + " " + plugin + ": " + error);
        }
        return out;
    }

    /** The spec's error object ({@code code}, {@code msg}, {@code details}) as one line. */
    static String errorOf(String stdout, String stderr, int status) {
        try {
            Map<String, Object> error = CniDocuments.parseObject(stdout);
            String msg = CniDocuments.text(error, "msg", "");
            String details = CniDocuments.text(error, "details", "");
            if (!msg.isEmpty()) {
                return details.isEmpty() || msg.contains(details) ? msg : msg + ": " + details;
            }
        } catch (JsonException notJson) {
            // Not the spec's error: what it wrote elsewhere says more.
        }
        String said = (stdout.isBlank() ? stderr : stdout).strip().replace('\n', ' ');
        return said.isEmpty() ? "exit status " + status : said;
    }

    /** A result as one line: the plugins print theirs indented over many. */
    private static String oneLine(String out) {
        try {
            return out.isBlank() ? "" : CniDocuments.line(Json.parse(out.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonException notJson) {
            return out.strip();
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
