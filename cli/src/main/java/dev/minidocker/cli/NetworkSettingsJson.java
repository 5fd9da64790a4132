package dev.minidocker.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.ContainerNetworking;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.Endpoint;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.launcher.network.PublishedPort;
import dev.minidocker.launcher.plan.NetworkOptions;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's networking as Docker's {@code inspect} shows it: {@code NetworkSettings} (the
 * addresses it has now, on each network, and its published ports) and the networking part of
 * {@code HostConfig} and {@code Config} (what was asked for). The top-level {@code IPAddress},
 * {@code Gateway} and {@code MacAddress} are the default bridge's, empty on user networks, as Docker's.
 */
final class NetworkSettingsJson {
    private NetworkSettingsJson() {
    }

    static void networkSettings(ObjectNode node, ContainerRecord c, ContainerNetworking networking, long pid) {
        List<Endpoint> endpoints = endpoints(networking, c);
        node.put("Bridge", "");
        node.put("SandboxID", endpoints.isEmpty() ? "" : c.id());
        node.put("SandboxKey", pid > 0 && !NetworkOptions.isHost(c.hostConfig().networkMode())
                ? "/proc/" + pid + "/ns/net" : "");
        ObjectNode ports = node.putObject("Ports");
        if (!endpoints.isEmpty()) {
            ports(ports, c, endpoints);
        }
        Endpoint bridge = endpoints.stream().filter(e -> e.networkName().equals(NetworkRecord.DEFAULT)).findFirst()
                .orElse(null);
        node.put("EndpointID", bridge == null ? "" : bridge.endpointId());
        node.put("Gateway", bridge == null ? "" : bridge.gateway());
        node.put("GlobalIPv6Address", "");
        node.put("GlobalIPv6PrefixLen", 0);
        node.put("IPAddress", bridge == null ? "" : bridge.address());
        node.put("IPPrefixLen", bridge == null ? 0 : bridge.prefixLength());
        node.put("IPv6Gateway", "");
        node.put("MacAddress", bridge == null ? "" : bridge.macAddress());
        networks(node.putObject("Networks"), c, networking, endpoints);
    }

    /** {@code 80/tcp: [{HostIp, HostPort}]}, and {@code null} for an exposed port not published. */
    private static void ports(ObjectNode ports, ContainerRecord c, List<Endpoint> endpoints) {
        Map<String, List<PublishedPort>> published = published(endpoints);
        ContainerRecord.Networking n = c.hostConfig().networking();
        for (String exposed : n == null ? List.<String>of() : n.exposedPorts()) {
            published.putIfAbsent(exposed, null);
        }
        published.forEach((key, bindings) -> {
            if (bindings == null) {
                ports.putNull(key);
            } else {
                ArrayNode array = ports.putArray(key);
                bindings.forEach(p -> array.addObject().put("HostIp", p.hostAddress())
                        .put("HostPort", Integer.toString(p.hostPort())));
            }
        });
    }

    /** The host ports of each container port ({@code 80/tcp}), in the order they were published. */
    static Map<String, List<PublishedPort>> published(List<Endpoint> endpoints) {
        Map<String, List<PublishedPort>> ports = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            for (PublishedPort p : e.ports()) {
                ports.computeIfAbsent(p.containerPort() + "/" + p.protocol(), k -> new ArrayList<>()).add(p);
            }
        }
        return ports;
    }

    /**
     * Each network the container is on: what it has there while it runs, what it asked for when it
     * does not; {@code none} and {@code host} as Docker names them; nothing of its own with another
     * container's namespace.
     */
    private static void networks(ObjectNode networks, ContainerRecord c, ContainerNetworking networking,
            List<Endpoint> endpoints) {
        String mode = c.hostConfig().networkMode();
        ContainerRecord.Networking n = c.hostConfig().networking();
        if (NetworkOptions.joined(mode) != null) {
            return;
        }
        if (n == null || n.networks().isEmpty()) {
            endpoint(networks.putObject(mode), null, null, List.of(), network(networking, mode));
            return;
        }
        for (ContainerRecord.EndpointConfig asked : n.networks()) {
            NetworkRecord network = network(networking, asked.network());
            String name = network == null ? asked.network() : network.name();
            Endpoint e = endpoints.stream().filter(x -> x.networkName().equals(name)).findFirst().orElse(null);
            endpoint(networks.putObject(name), e, asked.ipAddress(), asked.aliases(), network);
        }
    }

    private static void endpoint(ObjectNode node, Endpoint e, String ip, List<String> aliases, NetworkRecord network) {
        if (ip == null) {
            node.putNull("IPAMConfig");
        } else {
            node.putObject("IPAMConfig").put("IPv4Address", ip);
        }
        node.putNull("Links");
        ContainerJson.strings(node, "Aliases", aliases.isEmpty() ? null : aliases);
        node.put("MacAddress", e == null ? "" : e.macAddress());
        node.putNull("DriverOpts");
        node.put("NetworkID", network == null ? "" : network.id());
        node.put("EndpointID", e == null ? "" : e.endpointId());
        node.put("Gateway", e == null ? "" : e.gateway());
        node.put("IPAddress", e == null ? "" : e.address());
        node.put("IPPrefixLen", e == null ? 0 : e.prefixLength());
        node.put("IPv6Gateway", "");
        node.put("GlobalIPv6Address", "");
        node.put("GlobalIPv6PrefixLen", 0);
        ContainerJson.strings(node, "DNSNames", e == null || network == null || !network.resolvesNames() ? null : e.dnsNames());
    }

    /** HostConfig's PortBindings, PublishAllPorts, Dns, DnsOptions, DnsSearch and ExtraHosts. */
    static void hostConfig(ObjectNode node, ContainerRecord c) {
        ContainerRecord.Networking n = c.hostConfig().networking();
        ObjectNode bindings = node.putObject("PortBindings");
        if (n != null) {
            for (ContainerRecord.PortBinding p : n.portBindings()) {
                ArrayNode array = bindings.has(p.containerPort()) ? (ArrayNode) bindings.get(p.containerPort())
                        : bindings.putArray(p.containerPort());
                array.addObject().put("HostIp", p.hostIp()).put("HostPort", p.hostPort());
            }
        }
        node.put("PublishAllPorts", n != null && n.publishAllPorts());
        ContainerJson.strings(node, "Dns", n == null ? List.of() : n.dns());
        ContainerJson.strings(node, "DnsOptions", n == null ? List.of() : n.dnsOptions());
        ContainerJson.strings(node, "DnsSearch", n == null ? List.of() : n.dnsSearch());
        ContainerJson.strings(node, "ExtraHosts", n == null || n.extraHosts().isEmpty() ? null : n.extraHosts());
    }

    /** Config's ExposedPorts ({@code {"80/tcp": {}}}), when the image exposes any. */
    static void exposedPorts(ObjectNode config, ContainerRecord c) {
        ContainerRecord.Networking n = c.hostConfig().networking();
        if (n != null && !n.exposedPorts().isEmpty()) {
            ObjectNode exposed = config.putObject("ExposedPorts");
            n.exposedPorts().forEach(exposed::putObject);
        }
    }

    /** The container's endpoints, none when they cannot be read (inspect shows what it can). */
    static List<Endpoint> endpoints(ContainerNetworking networking, ContainerRecord c) {
        try {
            return networking.endpoints(c.id());
        } catch (LaunchException e) {
            return List.of();
        }
    }

    private static NetworkRecord network(ContainerNetworking networking, String nameOrId) {
        try {
            return networking.network(nameOrId);
        } catch (LaunchException removed) {
            return null;
        }
    }
}
