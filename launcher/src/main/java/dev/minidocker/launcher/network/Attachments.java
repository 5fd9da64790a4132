package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.plan.Names;
import dev.minidocker.store.Locks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Containers joined to networks and taken off them: the CNI plugins run on the container's network
 * namespace, host ports allocated, and the hosts files of a user network's containers kept current.
 * <p>
 * The order of an attach: under the networks lock the host ports are chosen and the endpoint
 * recorded, so concurrent attaches see each other's ports; the plugins' ADD runs outside the lock
 * (host-local locks its own leases), the network's masquerading rule made sure of meanwhile; the
 * result is recorded; the hosts files are rewritten (see {@link HostsBlocks}). A failure undoes it
 * all. A detach DELs with the ADD's result, removes the record and rewrites the others' hosts files.
 * <p>
 * Nothing of a container's lives outside its namespace but its lease and its port rules: outbound
 * traffic is masqueraded by one rule per network, as Docker and netavark do it, not by the bridge
 * plugin's rules per container. So a DEL after the container ended needs no namespace
 * ({@code CNI_NETNS} empty: the veth went with it) and frees everything, and the plugins' DELs,
 * which touch disjoint state (host-local's lease, portmap's chains named by container, the
 * firewall's rules by address), run at once.
 */
public final class Attachments {
    private static final String ID = "[0-9a-f]{64}";
    private final Networks networks;
    private final List<Path> pluginSearch;
    private final PortAllocator allocator;
    private final HostsBlocks hosts;
    private CniPlugins plugins;

    Attachments(Networks networks, List<Path> pluginSearch, PortAllocator allocator) {
        this.networks = networks;
        this.hosts = new HostsBlocks(networks);
        this.pluginSearch = pluginSearch;
        this.allocator = allocator;
    }

    /** Attachments on this host: Debian's or upstream's plugins, the host's ports. */
    public static Attachments of(Networks networks) {
        return new Attachments(networks, CniPlugins.SEARCH, PortAllocator.host());
    }

    /**
     * What a container asks of one network.
     *
     * @param netns the container's network namespace: {@code /proc/PID/ns/net} of its process 1
     * @param hostsFile its /etc/hosts on the host (bind-mounted), whose block is kept current; null for none
     * @param network the network's name or id
     * @param ip the address asked for ({@code --ip}), or null for the next free one
     */
    public record Request(String containerId, String containerName, String hostname, Path netns, Path hostsFile,
            String network, List<PortBinding> ports, String ip, List<String> aliases) {
        public Request {
            java.util.Objects.requireNonNull(containerName, "containerName");
            java.util.Objects.requireNonNull(hostname, "hostname");
            java.util.Objects.requireNonNull(netns, "netns");
            ports = ports == null ? List.of() : List.copyOf(ports);
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /** Joins the container to the network; returns what {@code inspect} shows of it. */
    public Endpoint attach(Request request, Consumer<PluginCall> narrator) throws LaunchException {
        if (!request.containerId().matches(ID)) {
            throw new LaunchException("attach container " + request.containerId() + ": not a container id");
        }
        // An iptables process, on the way to every ADD: started first, and not under the lock.
        CompletableFuture<Boolean> filtering = CompletableFuture.supplyAsync(this::filtersForwarding);
        NetworkRecord network = networks.find(request.network());
        checkAddress(network, request);
        CniPlugins cni = plugins();
        Endpoint reserved = reserve(request, network, filtering);
        String netns = request.netns().toString();
        Map<String, Object> runtimeConfig = runtimeConfig(reserved.ports(), request.ip());
        Endpoint attached = reserved;
        try {
            CompletableFuture<Void> masquerade = network.internal() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> masquerade(network));
            CniNetwork chain = new CniNetwork(cni, networks.conflist(network), narrator);
            attached = reserved.withResult(chain.add(context(reserved, netns), reserved.plugins(), runtimeConfig));
            await(masquerade);
            networks.endpoints().write(attached);
            hosts.refresh(network, attached);
            return attached;
        } catch (LaunchException e) {
            try {
                if (attached.attached()) {
                    // Made, then a record or a hosts file could not be written: undone as a detach would.
                    new CniNetwork(cni, networks.conflist(network), narrator).del(context(attached, netns),
                            attached.plugins(), runtimeConfig, attached.result());
                }
                networks.endpoints().delete(reserved);
            } catch (LaunchException undo) {
                e.addSuppressed(undo);
            }
            throw new LaunchException("connect container " + request.containerId().substring(0, 12) + " to network "
                    + network.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes the container off every network it is on, after it ended: DEL with each ADD's result, the
     * records removed, the other containers' hosts files rewritten. Nothing to take off is done at
     * once. An endpoint whose DEL failed keeps its record, for the next detach or reconcile.
     */
    public void detach(String containerId, Consumer<PluginCall> narrator) throws LaunchException {
        LaunchException first = null;
        for (Endpoint e : networks.endpointsOf(containerId)) {
            try {
                detach(e, "", narrator);
            } catch (LaunchException failed) {
                first = first == null ? failed : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * {@code network disconnect}: takes a running container, whose namespace is {@code netns}, off
     * {@code network} (its interface deleted there too).
     */
    public void detach(String containerId, NetworkRecord network, Path netns, Consumer<PluginCall> narrator)
            throws LaunchException {
        for (Endpoint e : networks.endpointsOf(containerId)) {
            if (e.networkId().equals(network.id())) {
                detach(e, netns.toString(), narrator);
            }
        }
    }

    /**
     * CHECK, per the CNI spec, of every network the running container (its namespace {@code netns}) is
     * on against the ADD's result: whether its interface, addresses, routes and rules are still as the
     * plugins made them. portmap is left out: Debian's 1.1.1 fails CHECK on every IPv4-only
     * container, looking for an IPv6 chain it never made (containernetworking/plugins#819, fixed in
     * later releases).
     */
    public void check(String containerId, Path netns, Consumer<PluginCall> narrator) throws LaunchException {
        for (Endpoint e : networks.endpointsOf(containerId)) {
            NetworkRecord network = networks.find(e.networkId());
            try {
                if (!e.attached()) {
                    throw new LaunchException("not attached");
                }
                List<String> checked = e.plugins().stream().filter(p -> !p.equals("portmap")).toList();
                new CniNetwork(plugins(), networks.conflist(network), narrator).check(context(e, netns.toString()),
                        checked, runtimeConfig(e.ports(), null), e.result());
            } catch (LaunchException failed) {
                throw new LaunchException("check container " + containerId.substring(0, 12) + " on network "
                        + network.name() + ": " + failed.getMessage(), failed);
            }
        }
    }

    /**
     * Detaches every container that {@code running} says is not running: one whose monitor was killed,
     * or a host that rebooted (the veths and rules went with it, DEL frees the leases). The caller
     * must count a container that a command is starting as running.
     */
    public void reconcile(Predicate<String> running, Consumer<PluginCall> narrator) throws LaunchException {
        LaunchException first = null;
        for (String id : networks.endpoints().containerIds()) {
            if (!running.test(id)) {
                try {
                    detach(id, narrator);
                } catch (LaunchException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void detach(Endpoint endpoint, String netns, Consumer<PluginCall> narrator) throws LaunchException {
        NetworkRecord network;
        try {
            network = networks.find(endpoint.networkId());
        } catch (LaunchException gone) {
            // A network removed by hand under its containers: nothing for the plugins to undo.
            networks.endpoints().delete(endpoint);
            return;
        }
        try {
            new CniNetwork(plugins(), networks.conflist(network), narrator).del(context(endpoint, netns),
                    endpoint.plugins(), runtimeConfig(endpoint.ports(), null),
                    endpoint.attached() ? endpoint.result() : null);
        } catch (LaunchException e) {
            throw new LaunchException("disconnect container " + endpoint.containerId().substring(0, 12)
                    + " from network " + network.name() + ": " + e.getMessage(), e);
        }
        networks.endpoints().delete(endpoint);
        hosts.refresh(network, endpoint);
    }

    /** The network's masquerading rule, made if missing (a reboot or a flush took it); a failure fails the attach. */
    private void masquerade(NetworkRecord network) {
        try {
            networks.host().masquerade(network);
        } catch (LaunchException e) {
            throw new CompletionException(e);
        }
    }

    /** Whether the host filters forwarding (see {@link HostNetwork#filtersForwarding}), for a future. */
    private boolean filtersForwarding() {
        try {
            return networks.host().filtersForwarding();
        } catch (LaunchException e) {
            throw new CompletionException(e);
        }
    }

    private static <T> T await(CompletableFuture<T> step) throws LaunchException {
        try {
            return step.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof LaunchException l ? l : new LaunchException(String.valueOf(e.getCause()), e);
        }
    }

    /** A bridge network only; Docker's rules for {@code --ip} and {@code --network-alias} (see {@link NetworkRecord#admit}). */
    private static void checkAddress(NetworkRecord network, Request request) throws LaunchException {
        if (!network.bridged()) {
            throw new LaunchException("container cannot be disconnected from host network or connected to host network");
        }
        NetworkRecord.admit(network, request.ip(), request.aliases());
    }

    /**
     * Under the lock: the host ports, the interface name, the plugins to run (portmap for ports, the
     * firewall where the host is {@code filtering} forwarding), recorded before they run.
     */
    private Endpoint reserve(Request request, NetworkRecord network, CompletableFuture<Boolean> filtering)
            throws LaunchException {
        try (Locks.Held held = networks.lock()) {
            NetworkRecord current = networks.find(network.id());
            List<Endpoint> all = networks.endpoints().all();
            List<Endpoint> mine = all.stream().filter(e -> e.containerId().equals(request.containerId())).toList();
            if (mine.stream().anyMatch(e -> e.networkId().equals(current.id()))) {
                throw new LaunchException("endpoint with name " + request.containerName() + " already exists in network "
                        + current.name());
            }
            List<PublishedPort> taken = all.stream().flatMap(e -> e.ports().stream()).toList();
            List<PublishedPort> ports = allocator.allocate(request.ports(), taken);
            List<String> types = new ArrayList<>(List.of("bridge"));
            if (!ports.isEmpty()) {
                types.add("portmap");
            }
            if (await(filtering)) {
                types.add("firewall");
            }
            Endpoint endpoint = new Endpoint(Names.newId(), request.containerId(), request.containerName(),
                    request.hostname(), current.id(), current.name(), "eth" + mine.size(), request.aliases(),
                    request.hostsFile() == null ? null : request.hostsFile().toString(), ports, types, Map.of());
            networks.endpoints().write(endpoint);
            return endpoint;
        }
    }

    private static CniPlugins.Context context(Endpoint endpoint, String netns) {
        return new CniPlugins.Context(endpoint.containerId(), netns, endpoint.ifname());
    }

    /** The capability arguments: {@code portMappings} for portmap, {@code ips} for host-local. */
    private static Map<String, Object> runtimeConfig(List<PublishedPort> ports, String ip) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        List<Object> mappings = new ArrayList<>();
        for (PublishedPort p : ports) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hostPort", (long) p.hostPort());
            m.put("containerPort", (long) p.containerPort());
            m.put("protocol", p.protocol());
            if (!PublishedPort.everyAddress(p.hostIp())) {
                m.put("hostIP", p.hostIp());
            }
            mappings.add(m);
        }
        runtime.put("portMappings", mappings);
        if (ip != null) {
            runtime.put("ips", List.of(ip));
        }
        return runtime;
    }

    private synchronized CniPlugins plugins() throws LaunchException {
        if (plugins == null) {
            plugins = CniPlugins.find(pluginSearch, networks.dir().resolve("plugin-path"));
        }
        return plugins;
    }
}
