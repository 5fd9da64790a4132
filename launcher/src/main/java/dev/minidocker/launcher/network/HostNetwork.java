package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What networks need to know of the host and change on it, apart from the plugins' work. */
interface HostNetwork {
    /** The destinations of the host's routes, which a chosen subnet must stay clear of. */
    List<Subnet> routes() throws LaunchException;

    /** Whether a network interface of that name exists. */
    boolean hasLink(String name);

    /**
     * Deletes a network's bridge once the network is removed: the bridge plugin makes the bridge on
     * the first ADD and, as the bridge may be shared, never deletes it.
     */
    void deleteLink(String name) throws LaunchException;

    static HostNetwork system() {
        return new HostNetwork() {
            @Override
            public List<Subnet> routes() throws LaunchException {
                try {
                    return HostRoutes.read(HostRoutes.PROC_ROUTE);
                } catch (IOException e) {
                    throw new LaunchException("read the host's routes " + HostRoutes.PROC_ROUTE + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasLink(String name) {
                return Files.exists(Path.of("/sys/class/net", name));
            }

            @Override
            public void deleteLink(String name) throws LaunchException {
                if (!hasLink(name)) {
                    return;
                }
                try {
                    Process ip = new ProcessBuilder("ip", "link", "delete", name).redirectErrorStream(true).start();
                    String said = new String(ip.getInputStream().readAllBytes()).strip();
                    if (ip.waitFor() != 0 && hasLink(name)) {
                        throw new LaunchException("delete bridge " + name + ": " + said);
                    }
                } catch (IOException e) {
                    throw new LaunchException("delete bridge " + name + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LaunchException("delete bridge " + name + ": interrupted", e);
                }
            }
        };
    }
}
