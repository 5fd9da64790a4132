package dev.minidocker.launcher.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, held by a {@code sleep} (as a container's process 1 holds
 * its own), optionally with a mount namespace whose /etc/hosts is a given file, as a container's is.
 */
final class TestNetns implements AutoCloseable {
    private final Process holder;
    private final boolean ownMounts;
    private final List<Process> spawned = new ArrayList<>();

    private TestNetns(Process holder, boolean ownMounts) {
        this.holder = holder;
        this.ownMounts = ownMounts;
    }

    static TestNetns start() throws Exception {
        return started(new ProcessBuilder("unshare", "--net", "sleep", "600").start(), false);
    }

    /** With {@code hosts} bound on /etc/hosts inside, so names resolve there as in a container. */
    static TestNetns withHosts(Path hosts) throws Exception {
        return started(new ProcessBuilder("unshare", "--mount", "--net", "sh", "-c",
                "mount --bind " + hosts + " /etc/hosts && exec sleep 600").start(), true);
    }

    private static TestNetns started(Process holder, boolean ownMounts) throws Exception {
        TestNetns ns = new TestNetns(holder, ownMounts);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.readString(Path.of("/proc/" + holder.pid() + "/comm")).strip().equals("sleep")) {
            if (System.nanoTime() > deadline || !holder.isAlive()) {
                ns.close();
                throw new IOException("unshare did not start: " + new String(holder.getErrorStream().readAllBytes()));
            }
            Thread.sleep(5);
        }
        ns.run("ip", "link", "set", "lo", "up");
        return ns;
    }

    Path netns() {
        return Path.of("/proc/" + holder.pid() + "/ns/net");
    }

    long pid() {
        return holder.pid();
    }

    /** Runs a command inside; its stdout, or IOException with what it said. */
    String run(String... command) throws Exception {
        Process p = new ProcessBuilder(inside(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": " + out.strip());
        }
        return out;
    }

    /** Starts a command inside that lives until {@link #close}. */
    Process spawn(String... command) throws IOException {
        Process p = new ProcessBuilder(inside(command)).redirectErrorStream(true).start();
        spawned.add(p);
        return p;
    }

    private List<String> inside(String... command) {
        List<String> line = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid()), "-n"));
        if (ownMounts) {
            line.add("-m");
        }
        line.addAll(List.of(command));
        return line;
    }

    /** Ends the holder: the namespace goes unless something (a pin) holds it. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : spawned) {
            p.destroyForcibly().waitFor();
        }
        holder.destroyForcibly().waitFor();
    }
}
