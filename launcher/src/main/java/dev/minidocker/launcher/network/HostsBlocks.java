package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.Locks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The hosts-file blocks of the containers on bridge networks, rewritten when a container joins or
 * leaves one: name resolution on user networks (see {@link HostsFile}). Rewrites take the networks
 * lock, so two containers joining at once do not write over each other's entries.
 */
final class HostsBlocks {
    private final Networks networks;

    HostsBlocks(Networks networks) {
        this.networks = networks;
    }

    /**
     * Rewrites the hosts file of the container that joined or left {@code network} through {@code changed}
     * and, on a network that resolves names, of every container on it: each gets its own addresses under
     * its host name (and its names, on such networks), then the other containers of its name-resolving
     * networks.
     */
    void refresh(NetworkRecord network, Endpoint changed) throws LaunchException {
        String containerId = changed.containerId();
        try (Locks.Held held = networks.lock()) {
            List<Endpoint> all = networks.endpoints().all().stream().filter(Endpoint::attached).toList();
            Map<String, NetworkRecord> byId = new LinkedHashMap<>();
            for (NetworkRecord n : networks.list()) {
                byId.put(n.id(), n);
            }
            Set<String> containers = new LinkedHashSet<>();
            containers.add(containerId);
            if (network.resolvesNames()) {
                all.stream().filter(e -> e.networkId().equals(network.id())).forEach(e -> containers.add(e.containerId()));
            }
            for (String id : containers) {
                rewriteHosts(id, all, byId, containerId.equals(id) ? changed.hostsFile() : null);
            }
        }
    }

    /** {@code knownFile}: the container's file when it may be on no network any more, so no record names it. */
    private static void rewriteHosts(String containerId, List<Endpoint> all, Map<String, NetworkRecord> networks,
            String knownFile) throws LaunchException {
        String file = all.stream().filter(e -> e.containerId().equals(containerId)).map(Endpoint::hostsFile)
                .filter(f -> f != null).findFirst().orElse(knownFile);
        if (file == null) {
            return;
        }
        Predicate<String> resolving = id -> networks.containsKey(id) && networks.get(id).resolvesNames();
        try {
            HostsFile.rewrite(Path.of(file), entries(containerId, all, resolving));
        } catch (IOException ex) {
            throw new LaunchException("rewrite hosts file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A container's block: each of its addresses under its host name (and, on a network that resolves
     * names, its name, aliases and short id), then every other container of such networks; one line
     * an address, the first one for it winning.
     *
     * @param resolving whether the network of that id resolves names
     */
    static List<HostsFile.Entry> entries(String containerId, List<Endpoint> attached, Predicate<String> resolving) {
        List<Endpoint> mine = attached.stream().filter(e -> e.containerId().equals(containerId)).toList();
        Map<String, HostsFile.Entry> entries = new LinkedHashMap<>();
        for (Endpoint e : mine) {
            List<String> names = new ArrayList<>(List.of(e.hostname()));
            if (resolving.test(e.networkId())) {
                e.dnsNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
            }
            entries.putIfAbsent(e.address(), new HostsFile.Entry(e.address(), names));
        }
        for (Endpoint e : mine) {
            if (resolving.test(e.networkId())) {
                attached.stream().filter(o -> o.networkId().equals(e.networkId()) && !o.containerId().equals(containerId))
                        .forEach(o -> entries.putIfAbsent(o.address(), new HostsFile.Entry(o.address(), o.dnsNames())));
            }
        }
        return List.copyOf(entries.values());
    }
}
