package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflistTest {
    private static NetworkRecord network(boolean internal) throws Exception {
        return new NetworkRecord("a".repeat(64), "web", "bridge", "mdbr-aaaaaaaaaa", Subnet.parse("10.213.0.0/24"),
                "10.213.0.1", internal, "2026-01-01T00:00:00Z", Map.of(), true);
    }

    @Test
    void aBridgeWithItsLeasesInTheStoreThenPortmapAndFirewall() throws Exception {
        Map<String, Object> conflist = CniDocuments.parseObject(CniDocuments.line(Conflist.of(network(false), Path.of("/s/networks/ipam"))));
        assertEquals("1.0.0", conflist.get("cniVersion"));
        assertEquals("web", conflist.get("name"));
        List<Object> plugins = CniDocuments.array(conflist.get("plugins"));
        assertEquals(List.of("bridge", "portmap", "firewall"),
                plugins.stream().map(p -> CniDocuments.object(p).get("type")).toList());
        Map<String, Object> bridge = CniDocuments.object(plugins.get(0));
        assertEquals("mdbr-aaaaaaaaaa", bridge.get("bridge"));
        assertEquals(true, bridge.get("isGateway"));
        assertEquals(false, bridge.get("ipMasq"), "masqueraded by the network's rule, not the plugin's per container");
        assertEquals(Map.of("ips", true), bridge.get("capabilities"));
        Map<String, Object> ipam = CniDocuments.object(bridge.get("ipam"));
        assertEquals("host-local", ipam.get("type"));
        assertEquals("/s/networks/ipam", ipam.get("dataDir"));
        assertEquals(List.of(List.of(Map.of("subnet", "10.213.0.0/24", "gateway", "10.213.0.1"))), ipam.get("ranges"));
        assertEquals(List.of(Map.of("dst", "0.0.0.0/0")), ipam.get("routes"));
        Map<String, Object> portmap = CniDocuments.object(plugins.get(1));
        assertEquals(Map.of("portMappings", true), portmap.get("capabilities"));
        assertEquals(true, portmap.get("snat"));
    }

    @Test
    void anInternalNetworkRoutesNothingOut() throws Exception {
        Map<String, Object> bridge = CniDocuments.object(CniDocuments.array(Conflist.of(network(true), Path.of("/i")).get("plugins")).getFirst());
        assertEquals(List.of(), CniDocuments.object(bridge.get("ipam")).get("routes"));
    }
}
