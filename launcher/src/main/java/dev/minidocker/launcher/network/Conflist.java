package dev.minidocker.launcher.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bridge network as a CNI network configuration list ({@code networks/NAME.conflist}), the form the
 * reference plugins read, as nerdctl writes its own:
 * <ul>
 * <li>{@code bridge}: the Linux bridge and one veth pair a container, the bridge holding the gateway
 *     address ({@code isGateway}); hairpin on, so a container reaches its own published ports through
 *     the host's address. Not {@code ipMasq}: outbound traffic is masqueraded by one rule per network
 *     (see {@link HostNetwork#masquerade}), which a container's DEL need not find through its interface.
 *     Its IPAM, {@code host-local}, leases addresses from the subnet in files under the store
 *     ({@code dataDir}), takes {@code --ip} through the {@code ips} capability, and gives the default
 *     route through the gateway, which an internal network does without.</li>
 * <li>{@code portmap}: {@code -p}, as DNAT rules from the {@code portMappings} capability; {@code snat}
 *     masquerades connections from the host's loopback and hairpin ones, and sets route_localnet on
 *     the bridge, so 127.0.0.1 reaches published ports.</li>
 * <li>{@code firewall}: accepts the containers' forwarded traffic in the filter table's FORWARD chain,
 *     which hosts running Docker leave with a DROP policy (run only on such hosts: see Attachments).</li>
 * </ul>
 */
final class Conflist {
    static final String CNI_VERSION = "1.0.0";

    private Conflist() {
    }

    static Map<String, Object> of(NetworkRecord network, Path ipamDir) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("subnet", network.subnet().toString());
        range.put("gateway", network.gateway());
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("type", "host-local");
        ipam.put("ranges", List.of(List.of(range)));
        ipam.put("routes", network.internal() ? List.of() : List.of(Map.of("dst", "0.0.0.0/0")));
        ipam.put("dataDir", ipamDir.toString());

        Map<String, Object> bridge = new LinkedHashMap<>();
        bridge.put("type", "bridge");
        bridge.put("bridge", network.bridge());
        bridge.put("isGateway", true);
        bridge.put("ipMasq", false);
        bridge.put("hairpinMode", true);
        bridge.put("capabilities", Map.of("ips", true));
        bridge.put("ipam", ipam);

        Map<String, Object> portmap = new LinkedHashMap<>();
        portmap.put("type", "portmap");
        portmap.put("capabilities", Map.of("portMappings", true));
        portmap.put("snat", true);

        Map<String, Object> firewall = new LinkedHashMap<>();
        firewall.put("type", "firewall");
        firewall.put("backend", "iptables");

        Map<String, Object> conflist = new LinkedHashMap<>();
        conflist.put("cniVersion", CNI_VERSION);
        conflist.put("name", network.name());
        conflist.put("plugins", new ArrayList<>(List.of(bridge, portmap, firewall)));
        return conflist;
    }
}
