package dev.minidocker.launcher;

import dev.minidocker.launcher.network.Attachments;
import dev.minidocker.launcher.network.Endpoint;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.launcher.network.Networks;
import dev.minidocker.launcher.network.PortBinding;
import dev.minidocker.launcher.plan.NetworkOptions;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A container's networks through its life: joined when it starts (the plugins run on its process 1's
 * network namespace while the shim boots, before the shim gets its plan), left when it ends, whoever
 * notices the end (the command that ran it, {@code stop}, {@code rm}, the monitor's exit command, or
 * reconciliation), and joined or left while it runs ({@code network connect}, {@code disconnect}).
 * Each plugin call is narrated for {@code --explain}.
 */
public final class ContainerNetworking {
    private static final Duration POLL = Duration.ofMillis(1);
    private final Store store;
    private final Networks networks;
    private final Narrator narrator;
    private Attachments attachments;

    ContainerNetworking(Store store, Narrator narrator) {
        this.store = store;
        this.networks = Networks.of(store);
        this.narrator = narrator;
    }

    /** Whether the container gets an address of its own on bridge networks when it starts. */
    static boolean bridged(ContainerRecord record) {
        ContainerRecord.Networking n = record.hostConfig().networking();
        return n != null && !n.networks().isEmpty();
    }

    /** The network namespace the monitor puts a new container in, as {@code options} ask. */
    Monitor.Network monitorNetwork(NetworkOptions options) throws LaunchException {
        if (options.host()) {
            return Monitor.Network.HOST;
        }
        String joined = options.joined();
        if (joined == null || joined.isEmpty()) {
            // An empty name is the planner's to refuse, in Docker's words.
            return Monitor.Network.OWN;
        }
        return Monitor.Network.joining(joinedNetns(null, joined));
    }

    /** The network namespace the monitor puts the container in, for its record's mode. */
    Monitor.Network monitorNetwork(ContainerRecord record) throws LaunchException {
        String mode = record.hostConfig().networkMode();
        if (NetworkOptions.isHost(mode)) {
            return Monitor.Network.HOST;
        }
        String joined = NetworkOptions.joined(mode);
        return joined == null ? Monitor.Network.OWN : Monitor.Network.joining(joinedNetns(record.id(), joined));
    }

    /**
     * The namespace of the running container named {@code nameOrId} (Docker refuses to join one that
     * does not run, or the container's own).
     */
    private String joinedNetns(String self, String nameOrId) throws LaunchException {
        ContainerRecord joined;
        try {
            joined = store.containers().find(nameOrId).orElse(null);
        } catch (StoreException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        if (joined == null) {
            throw new LaunchException("No such container: " + nameOrId);
        }
        if (joined.id().equals(self)) {
            throw new LaunchException("cannot join own network");
        }
        long pid = Lifecycle.running(joined) ? processOne(dirs(joined.id())) : 0;
        if (pid <= 0) {
            throw new LaunchException("cannot join network of a non running container: " + nameOrId);
        }
        return "/proc/" + pid + "/ns/net";
    }

    private ContainerDirs dirs(String id) {
        return new ContainerDirs(id, store.containers().dir(id));
    }

    /**
     * Joins the container to each network its record names, on the namespace of the process 1 that
     * {@code monitor} cloned (it names it in clone.pid at once). On a failure, what was joined is left.
     */
    List<Endpoint> attach(ContainerRecord record, ContainerDirs dirs, Monitor monitor) throws LaunchException {
        Path netns = Path.of("/proc/" + awaitClone(dirs, monitor) + "/ns/net");
        List<Endpoint> joined = new ArrayList<>();
        try {
            for (ContainerRecord.EndpointConfig e : record.hostConfig().networking().networks()) {
                joined.add(attachments().attach(request(record, dirs, netns, e.network(), e.ipAddress(), e.aliases(),
                        joined.isEmpty() ? ports(record.hostConfig().networking()) : List.of()), narrator::plugin));
            }
            return joined;
        } catch (LaunchException e) {
            detachQuietly(record.id(), e);
            throw e;
        }
    }

    /** The network named {@code nameOrId}, as Docker finds it. */
    public NetworkRecord network(String nameOrId) throws LaunchException {
        return networks.find(nameOrId);
    }

    /** {@code network connect} of a running container: it joins {@code network} now. */
    void connect(ContainerRecord record, NetworkRecord network, String ip, List<String> aliases)
            throws LaunchException {
        ContainerDirs dirs = dirs(record.id());
        attachments().attach(request(record, dirs, netnsOf(dirs), network.name(), ip, aliases, List.of()),
                narrator::plugin);
    }

    /** {@code network disconnect} of a running container: it leaves {@code network} now, its interface there deleted. */
    void disconnect(ContainerRecord record, NetworkRecord network) throws LaunchException {
        attachments().detach(record.id(), network, netnsOf(dirs(record.id())), narrator::plugin);
    }

    private static Path netnsOf(ContainerDirs dirs) throws LaunchException {
        long pid = processOne(dirs);
        if (pid <= 0) {
            throw new LaunchException("container " + dirs.id().substring(0, 12) + " is not running");
        }
        return Path.of("/proc/" + pid + "/ns/net");
    }

    /** Takes the container that ended off its networks: its leases and port rules (its veths went with it). */
    public void detach(String id) throws LaunchException {
        attachments().detach(id, narrator::plugin);
    }

    /** Takes every container that {@code running} says has ended off its networks (see {@link Attachments#reconcile}). */
    void reconcile(Predicate<String> running) throws LaunchException {
        attachments().reconcile(running, narrator::plugin);
    }

    /** The endpoints of the container (what {@code inspect}, {@code ps} and {@code port} show). */
    public List<Endpoint> endpoints(String id) throws LaunchException {
        return networks.endpointsOf(id);
    }

    /**
     * The host ports a container asks for: its {@code -p}s, and with {@code -P} each port its image
     * exposes that no {@code -p} names, to a free host port.
     */
    static List<PortBinding> ports(ContainerRecord.Networking networking) throws LaunchException {
        Map<String, PortBinding> ports = new LinkedHashMap<>();
        List<PortBinding> bindings = new ArrayList<>();
        for (ContainerRecord.PortBinding p : networking.portBindings()) {
            for (PortBinding b : PortBinding.parse(p.hostIp() + ":" + p.hostPort() + ":" + p.containerPort())) {
                bindings.add(b);
                ports.putIfAbsent(b.containerKey(), b);
            }
        }
        if (networking.publishAllPorts()) {
            for (PortBinding b : PortBinding.exposed(networking.exposedPorts())) {
                if (ports.putIfAbsent(b.containerKey(), b) == null) {
                    bindings.add(b);
                }
            }
        }
        return bindings;
    }

    private Attachments.Request request(ContainerRecord record, ContainerDirs dirs, Path netns, String network,
            String ip, List<String> aliases, List<PortBinding> ports) {
        return new Attachments.Request(record.id(), record.name(), record.config().hostname(), netns, dirs.hosts(),
                network, ports, ip, aliases);
    }

    /** The pid the monitor wrote once it cloned process 1, waited for while the monitor lives. */
    private static long awaitClone(ContainerDirs dirs, Monitor monitor) throws LaunchException {
        try {
            for (;;) {
                long pid = processOne(dirs);
                if (pid > 0) {
                    return pid;
                }
                if (!monitor.isAlive()) {
                    throw new LaunchException("start container " + dirs.id().substring(0, 12)
                            + ": its monitor ended before it made the container's namespaces");
                }
                Thread.sleep(POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("start container " + dirs.id().substring(0, 12) + ": interrupted", e);
        }
    }

    /** The host pid of the container's process 1, as its monitor wrote it (0 before). */
    private static long processOne(ContainerDirs dirs) {
        try {
            return Long.parseLong(Files.readString(dirs.clonePid()).trim());
        } catch (IOException | NumberFormatException notYet) {
            return 0;
        }
    }

    private void detachQuietly(String id, LaunchException failure) {
        try {
            detach(id);
        } catch (LaunchException e) {
            failure.addSuppressed(e);
        }
    }

    private synchronized Attachments attachments() {
        if (attachments == null) {
            attachments = Attachments.of(networks);
        }
        return attachments;
    }
}
