package dev.minidocker.launcher.network;

import static java.util.Objects.requireNonNullElse;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container on a network: what {@code inspect} shows under {@code NetworkSettings.Networks.NAME},
 * and what its detach needs: the plugins that ran and their final result, which the CNI spec wants
 * given back to DEL. Kept as {@code networks/endpoints/NETWORKID.CONTAINERID.json} from before the
 * plugins run (with no result yet), so a command killed halfway leaves a record that reconciliation
 * finishes, and so port allocation sees the ports of every attach in progress.
 *
 * @param hostsFile the container's /etc/hosts on the host, kept current on user networks; null for none
 * @param result the CNI result of the last plugin, empty until the ADD succeeded
 */
public record Endpoint(String endpointId, String containerId, String containerName, String hostname,
        String networkId, String networkName, String ifname, List<String> aliases, String hostsFile, List<PublishedPort> ports,
        List<String> plugins, Map<String, Object> result) implements JsonWritable {
    public Endpoint {
        aliases = List.copyOf(aliases);
        ports = List.copyOf(ports);
        plugins = List.copyOf(plugins);
    }

    Endpoint withResult(Map<String, Object> cniResult) {
        return new Endpoint(endpointId, containerId, containerName, hostname, networkId, networkName, ifname, aliases,
                hostsFile, ports, plugins, cniResult);
    }

    /** Whether the plugins' ADD finished: the container has its interface and address. */
    public boolean attached() {
        return !result.isEmpty();
    }

    /** The container's address with its prefix, {@code 172.18.0.2/16}, as the result's first IP has it; "" before. */
    public String cidr() {
        return CniDocuments.text(firstIp(), "address", "");
    }

    /** The container's address alone, {@code 172.18.0.2}. */
    public String address() {
        String cidr = cidr();
        return cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
    }

    public int prefixLength() {
        String cidr = cidr();
        return cidr.contains("/") ? Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)) : 0;
    }

    public String gateway() {
        return CniDocuments.text(firstIp(), "gateway", "");
    }

    /** The MAC address of the container's interface (the one in its network namespace). */
    public String macAddress() {
        for (Object i : CniDocuments.array(result.get("interfaces"))) {
            Map<String, Object> iface = CniDocuments.object(i);
            if (ifname.equals(iface.get("name")) && iface.containsKey("sandbox")) {
                return CniDocuments.text(iface, "mac", "");
            }
        }
        return "";
    }

    /** The host's end of the veth pair, as the bridge plugin named it. */
    public String hostInterface() {
        for (Object i : CniDocuments.array(result.get("interfaces"))) {
            Map<String, Object> iface = CniDocuments.object(i);
            String name = CniDocuments.text(iface, "name", "");
            if (!iface.containsKey("sandbox") && name.startsWith("veth")) {
                return name;
            }
        }
        return "";
    }

    /** The names other containers of the network find it by: its name, its aliases and its short id. */
    public List<String> dnsNames() {
        List<String> names = new ArrayList<>();
        names.add(containerName);
        aliases.stream().filter(a -> !names.contains(a)).forEach(names::add);
        names.add(containerId.substring(0, 12));
        return names;
    }

    private Map<String, Object> firstIp() {
        List<Object> ips = CniDocuments.array(result.get("ips"));
        return ips.isEmpty() ? Map.of() : CniDocuments.object(ips.getFirst());
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().add("endpointId", endpointId).add("containerId", containerId)
                .add("containerName", containerName).add("hostname", hostname).add("networkId", networkId)
                .add("networkName", networkName).add("ifname", ifname).add("aliases", aliases)
                .add("hostsFile", hostsFile)
                .add("ports", ports.stream().map(p -> new JsonMembers().add("hostIp", p.hostIp())
                        .add("hostPort", p.hostPort()).add("containerPort", p.containerPort())
                        .add("protocol", p.protocol())).toList())
                .add("plugins", plugins).add("result", result);
    }

    static Endpoint fromJson(JsonObject json) throws JsonException {
        List<PublishedPort> ports = json.objects("ports", p -> new PublishedPort(requireNonNullElse(p.string("hostIp"), ""),
                p.integer("hostPort"), p.integer("containerPort"), requireNonNullElse(p.string("protocol"), "tcp")));
        List<String> aliases = json.strings("aliases");
        List<String> plugins = json.strings("plugins");
        Map<String, Object> result = json.map("result");
        return new Endpoint(requireNonNullElse(json.string("endpointId"), ""),
                requireNonNullElse(json.string("containerId"), ""), requireNonNullElse(json.string("containerName"), ""),
                requireNonNullElse(json.string("hostname"), ""), requireNonNullElse(json.string("networkId"), ""),
                requireNonNullElse(json.string("networkName"), ""), requireNonNullElse(json.string("ifname"), "eth0"),
                aliases == null ? List.of() : aliases, json.string("hostsFile"), ports == null ? List.of() : ports,
                plugins == null ? List.of() : plugins, result == null ? Map.of() : result);
    }
}
