package dev.minidocker.launcher.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        List<String> plugins, Map<String, Object> result) {
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
        return Json.text(firstIp(), "address", "");
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
        return Json.text(firstIp(), "gateway", "");
    }

    /** The MAC address of the container's interface (the one in its network namespace). */
    public String macAddress() {
        for (Object i : Json.array(result.get("interfaces"))) {
            Map<String, Object> iface = Json.object(i);
            if (ifname.equals(iface.get("name")) && iface.containsKey("sandbox")) {
                return Json.text(iface, "mac", "");
            }
        }
        return "";
    }

    /** The host's end of the veth pair, as the bridge plugin named it. */
    public String hostInterface() {
        for (Object i : Json.array(result.get("interfaces"))) {
            Map<String, Object> iface = Json.object(i);
            String name = Json.text(iface, "name", "");
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
        List<Object> ips = Json.array(result.get("ips"));
        return ips.isEmpty() ? Map.of() : Json.object(ips.getFirst());
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endpointId", endpointId);
        json.put("containerId", containerId);
        json.put("containerName", containerName);
        json.put("hostname", hostname);
        json.put("networkId", networkId);
        json.put("networkName", networkName);
        json.put("ifname", ifname);
        json.put("aliases", aliases);
        json.put("hostsFile", hostsFile);
        json.put("ports", ports.stream().map(p -> (Object) Map.of("hostIp", p.hostIp(), "hostPort", (long) p.hostPort(),
                "containerPort", (long) p.containerPort(), "protocol", p.protocol())).toList());
        json.put("plugins", plugins);
        json.put("result", result);
        return json;
    }

    static Endpoint fromJson(Map<String, Object> json) {
        List<PublishedPort> ports = new ArrayList<>();
        for (Object p : Json.array(json.get("ports"))) {
            Map<String, Object> port = Json.object(p);
            ports.add(new PublishedPort(Json.text(port, "hostIp", ""), ((Number) port.get("hostPort")).intValue(),
                    ((Number) port.get("containerPort")).intValue(), Json.text(port, "protocol", "tcp")));
        }
        return new Endpoint(Json.text(json, "endpointId", ""), Json.text(json, "containerId", ""),
                Json.text(json, "containerName", ""), Json.text(json, "hostname", ""), Json.text(json, "networkId", ""),
                Json.text(json, "networkName", ""), Json.text(json, "ifname", "eth0"), strings(json.get("aliases")),
                Json.text(json, "hostsFile", null), ports, strings(json.get("plugins")),
                Json.object(json.get("result")));
    }

    private static List<String> strings(Object array) {
        return Json.array(array).stream().map(String::valueOf).toList();
    }
}
