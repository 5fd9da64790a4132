package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.plan.Names;
import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.AtomicFiles;
import dev.minidocker.store.Locks;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The networks of a store, under {@code networks/}:
 * <pre>
 * NAME.json          the record (id, name, driver, bridge, subnet, gateway, internal, created, labels)
 * NAME.conflist      a bridge network's CNI configuration list
 * daemon.json        optional settings: the default bridge's subnet, the address pools (see DaemonSettings)
 * ipam/NAME/         host-local's leases, one file an address
 * endpoints/         the containers on them (see Endpoint)
 * </pre>
 * {@code bridge} (device {@code minidocker0}), {@code host} and {@code none} are made on first use.
 * Creating and removing take the store's {@code networks} lock; reading takes none, as every file is
 * written whole by rename.
 */
public final class Networks {
    static final String LOCK = "networks";
    static final String DEFAULT_BRIDGE = "minidocker0";
    private static final String NAME_PATTERN = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";
    private final Path dir;
    private final Path tmp;
    private final Locks locks;
    private final HostNetwork host;
    private final Endpoints endpoints;

    Networks(Path dir, Path tmp, Locks locks, HostNetwork host) {
        this.dir = dir;
        this.tmp = tmp;
        this.locks = locks;
        this.host = host;
        this.endpoints = new Endpoints(dir.resolve("endpoints"), tmp);
    }

    /** The networks of {@code store}, on this host. */
    public static Networks of(Store store) {
        return new Networks(store.root().resolve("networks"), store.root().resolve("tmp"), store.locks(),
                HostNetwork.system());
    }

    Path dir() {
        return dir;
    }

    Endpoints endpoints() {
        return endpoints;
    }

    HostNetwork host() {
        return host;
    }

    Locks.Held lock() throws LaunchException {
        try {
            return locks.exclusive(LOCK);
        } catch (StoreException e) {
            throw new LaunchException("lock the networks: " + e.getMessage(), e);
        }
    }

    /** Every network, sorted by name as {@code network ls} prints them. */
    public List<NetworkRecord> list() throws LaunchException {
        ensureDefaults();
        List<NetworkRecord> networks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Networks::isRecord).toList()) {
                try {
                    networks.add(read(file));
                } catch (NoSuchFileException removedMeanwhile) {
                    // Removed while this listing ran.
                }
            }
        } catch (IOException e) {
            throw new LaunchException("list networks in " + dir + ": " + e.getMessage(), e);
        }
        // A lambda of this class, which the AOT cache keeps, not one of Comparator's, spun at every run.
        networks.sort((a, b) -> a.name().compareTo(b.name()));
        return networks;
    }

    /** The network named {@code nameOrId}: by name, full id or unique id prefix, as Docker finds them. */
    public NetworkRecord find(String nameOrId) throws LaunchException {
        List<NetworkRecord> all = list();
        for (NetworkRecord n : all) {
            if (n.name().equals(nameOrId) || n.id().equals(nameOrId)) {
                return n;
            }
        }
        List<NetworkRecord> prefixed = nameOrId.isEmpty() ? List.of()
                : all.stream().filter(n -> n.id().startsWith(nameOrId)).toList();
        if (prefixed.size() > 1) {
            throw new LaunchException("network " + nameOrId + " is ambiguous (" + prefixed.size()
                    + " matches found based on ID prefix)");
        }
        if (prefixed.isEmpty()) {
            throw new LaunchException("network " + nameOrId + " not found");
        }
        return prefixed.getFirst();
    }

    /** The containers on {@code network}, attached or being attached. */
    public List<Endpoint> endpoints(NetworkRecord network) throws LaunchException {
        return endpoints.ofNetwork(network.id());
    }

    /** The networks {@code containerId} is on. */
    public List<Endpoint> endpointsOf(String containerId) throws LaunchException {
        return endpoints.ofContainer(containerId);
    }

    /**
     * {@code network create}: a bridge network on {@code subnet} (a free one from the pools when null),
     * its gateway {@code gateway} (the subnet's first host when null). Docker's messages for a name
     * taken, a bad CIDR, a gateway outside the subnet, a subnet another network has.
     */
    public NetworkRecord create(String name, String subnet, String gateway, boolean internal,
            Map<String, String> labels) throws LaunchException {
        if (!name.matches(NAME_PATTERN)) {
            throw new LaunchException("invalid network name \"" + name + "\": it must match " + NAME_PATTERN);
        }
        if (subnet == null && gateway != null) {
            throw new LaunchException("every ip-range or gateway must have a corresponding subnet");
        }
        Subnet given = subnet == null ? null : Subnet.parse(subnet);
        if (gateway != null && !(given.contains(gateway))) {
            throw new LaunchException("no matching subnet for gateway " + gateway);
        }
        ensureDefaults();
        try (Locks.Held held = lock()) {
            if (Files.exists(recordFile(name))) {
                throw new LaunchException("network with name " + name + " already exists");
            }
            List<Subnet> others = list().stream().filter(NetworkRecord::bridged).map(NetworkRecord::subnet).toList();
            if (given != null && others.stream().anyMatch(given::overlaps)) {
                throw new LaunchException("Pool overlaps with other one on this address space");
            }
            Subnet chosen = given != null ? given : DaemonSettings.read(dir).pools().choose(taken(others));
            String id = Names.newId();
            NetworkRecord network = new NetworkRecord(id, name, "bridge", "mdbr-" + id.substring(0, 10), chosen,
                    gateway != null ? gateway : chosen.host(1), internal, Instant.now().toString(), labels,
                    given != null);
            write(network);
            return network;
        }
    }

    /**
     * {@code network rm}: refused for the predefined networks and for a network with containers on it;
     * takes the record, the conflist, the leases and the bridge.
     */
    public void remove(NetworkRecord network) throws LaunchException {
        if (network.predefined()) {
            throw new LaunchException(network.name() + " is a pre-defined network and cannot be removed");
        }
        try (Locks.Held held = lock()) {
            if (!endpoints.ofNetwork(network.id()).isEmpty()) {
                throw new LaunchException("error while removing network: network " + network.name() + " id "
                        + network.id() + " has active endpoints");
            }
            host.deleteLink(network.bridge());
            host.unmasquerade(network);
            try {
                Files.deleteIfExists(dir.resolve(network.name() + ".conflist"));
                Files.deleteIfExists(recordFile(network.name()));
                deleteTree(ipamDir().resolve(network.name()));
            } catch (IOException e) {
                throw new LaunchException("remove network " + network.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code network prune}: every network of the user's that no container is on; returns them. */
    public List<NetworkRecord> prune() throws LaunchException {
        List<NetworkRecord> removed = new ArrayList<>();
        for (NetworkRecord n : list()) {
            if (!n.predefined() && endpoints.ofNetwork(n.id()).isEmpty()) {
                try {
                    remove(n);
                    removed.add(n);
                } catch (LaunchException inUseMeanwhile) {
                    // A container joined it since the listing: it is in use, so it stays.
                }
            }
        }
        return removed;
    }

    /** The network's CNI configuration list, as the plugins read it. */
    Map<String, Object> conflist(NetworkRecord network) throws LaunchException {
        Path file = dir.resolve(network.name() + ".conflist");
        try {
            return CniDocuments.parseObject(Files.readString(file));
        } catch (IOException e) {
            throw new LaunchException("read " + file + ": " + e.getMessage(), e);
        }
    }

    Path ipamDir() {
        return dir.resolve("ipam");
    }

    /** The default bridge's gateway: what {@code --add-host NAME:host-gateway} resolves to. */
    public String hostGateway() throws LaunchException {
        return find(NetworkRecord.DEFAULT).gateway();
    }

    /** The subnets a new network must stay clear of: the host's routes and the other networks'. */
    private List<Subnet> taken(List<Subnet> networks) throws LaunchException {
        List<Subnet> taken = new ArrayList<>(host.routes());
        taken.addAll(networks);
        return taken;
    }

    /**
     * Makes {@code bridge}, {@code host} and {@code none} if this store has not got them yet. The
     * default bridge takes {@code bip} from the settings, or the first free subnet of the pools; its
     * device is {@code minidocker0} unless another store's bridge has that name already.
     */
    private void ensureDefaults() throws LaunchException {
        if (Files.exists(recordFile(NetworkRecord.DEFAULT))) {
            return;
        }
        try (Locks.Held held = lock()) {
            if (Files.exists(recordFile(NetworkRecord.DEFAULT))) {
                return;
            }
            String now = Instant.now().toString();
            write(new NetworkRecord(Names.newId(), "host", "host", null, null, null, false, now, Map.of(), false));
            write(new NetworkRecord(Names.newId(), "none", "null", null, null, null, false, now, Map.of(), false));
            DaemonSettings settings = DaemonSettings.read(dir);
            Subnet subnet;
            String gateway;
            if (settings.bip() != null) {
                subnet = Subnet.parse(settings.bip());
                gateway = settings.bip().substring(0, settings.bip().indexOf('/'));
            } else {
                subnet = settings.pools().choose(taken(List.of()));
                gateway = subnet.host(1);
            }
            String id = Names.newId();
            String device = host.hasLink(DEFAULT_BRIDGE) ? "mdbr-" + id.substring(0, 10) : DEFAULT_BRIDGE;
            write(new NetworkRecord(id, NetworkRecord.DEFAULT, "bridge", device, subnet, gateway, false, now, Map.of(),
                    false));
        }
    }

    private void write(NetworkRecord network) throws LaunchException {
        try {
            Files.createDirectories(dir);
            if (network.bridged()) {
                AtomicFiles.write(dir.resolve(network.name() + ".conflist"),
                        Json.write(Conflist.of(network, ipamDir())), tmp);
            }
            AtomicFiles.write(recordFile(network.name()), Json.write(network), tmp);
        } catch (IOException e) {
            throw new LaunchException("write network " + network.name() + ": " + e.getMessage(), e);
        }
    }

    private Path recordFile(String name) {
        return dir.resolve(name + ".json");
    }

    private static boolean isRecord(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.equals(DaemonSettings.FILE);
    }

    private static NetworkRecord read(Path file) throws IOException, LaunchException {
        try {
            return NetworkRecord.fromJson(JsonObject.parse(Files.readAllBytes(file)));
        } catch (JsonException e) {
            throw new LaunchException("read network " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
