package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.json.Json;
import dev.minidocker.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network records on disk, with a host whose routes and links the test decides. */
class NetworksTest {
    @TempDir
    Path dir;
    private final TestHost host = TestHost.fake();
    private Networks networks;

    @BeforeEach
    void aStore() throws Exception {
        Store store = Store.open(dir.resolve("store"), notice -> { });
        networks = new Networks(store.root().resolve("networks"), store.root().resolve("tmp"), store.locks(),
                host);
        host.routes.add(Subnet.parse("192.0.2.0/24"));
    }

    @Test
    void theDefaultNetworksComeFirst() throws Exception {
        host.routes.add(Subnet.parse("172.17.0.0/16"));
        List<NetworkRecord> all = networks.list();
        assertEquals(List.of("bridge", "host", "none"), all.stream().map(NetworkRecord::name).toList());
        assertEquals(List.of("bridge", "host", "null"), all.stream().map(NetworkRecord::driver).toList());
        NetworkRecord bridge = all.getFirst();
        assertEquals("172.18.0.0/16", bridge.subnet().toString());
        assertEquals("172.18.0.1", bridge.gateway());
        assertEquals("minidocker0", bridge.bridge());
        assertTrue(bridge.id().matches("[0-9a-f]{64}"));
        assertFalse(bridge.resolvesNames());
        assertEquals("172.18.0.1", networks.hostGateway());
        assertTrue(Files.exists(networks.dir().resolve("bridge.conflist")));
        assertEquals(bridge, networks.list().getFirst(), "made once");
    }

    @Test
    void anotherStoresMinidocker0LeavesThisStoreABridgeOfItsOwn() throws Exception {
        host.links.add("minidocker0");
        NetworkRecord bridge = networks.find("bridge");
        assertEquals("mdbr-" + bridge.id().substring(0, 10), bridge.bridge());
    }

    @Test
    void daemonSettingsGiveTheDefaultSubnetAndThePools() throws Exception {
        Files.createDirectories(networks.dir());
        Files.writeString(networks.dir().resolve("daemon.json"),
                "{\"bip\": \"10.99.0.1/24\", \"default-address-pools\": [{\"base\": \"10.100.0.0/16\", \"size\": 24}]}");
        NetworkRecord bridge = networks.find("bridge");
        assertEquals("10.99.0.0/24", bridge.subnet().toString());
        assertEquals("10.99.0.1", bridge.gateway());
        assertEquals("10.100.0.0/24", networks.create("a", null, null, false, Map.of()).subnet().toString());
        assertEquals("10.100.1.0/24", networks.create("b", null, null, false, Map.of()).subnet().toString());
    }

    @Test
    void aBrokenSettingsFileIsNamedInTheError() throws Exception {
        Files.createDirectories(networks.dir());
        Files.writeString(networks.dir().resolve("daemon.json"), "{\"bip\": \"10.99.0.1/40\"}");
        assertEquals("read " + networks.dir().resolve("daemon.json") + ": invalid CIDR address: 10.99.0.1/40",
                assertThrows(LaunchException.class, () -> networks.list()).getMessage());
    }

    @Test
    void aUserNetworkTakesTheNextFreeSubnetAndABridgeNamedByItsId() throws Exception {
        NetworkRecord web = networks.create("web", null, null, false, Map.of("team", "a"));
        assertEquals("172.18.0.0/16", web.subnet().toString());
        assertEquals("mdbr-" + web.id().substring(0, 10), web.bridge());
        assertTrue(web.bridge().length() <= 15);
        assertTrue(web.resolvesNames());
        assertFalse(web.userSubnet());
        assertEquals(Map.of("team", "a"), networks.find("web").labels());
        assertEquals(web, networks.find(web.id()));
        assertEquals(web, networks.find(web.id().substring(0, 6)));
        Map<String, Object> conflist = networks.conflist(web);
        assertEquals("web", conflist.get("name"));
    }

    @Test
    void aGivenSubnetAndGateway() throws Exception {
        NetworkRecord n = networks.create("lan", "10.213.7.0/24", "10.213.7.254", true, Map.of());
        assertEquals("10.213.7.254", n.gateway());
        assertTrue(n.internal());
        assertTrue(n.userSubnet());
        assertEquals("10.213.8.1", networks.create("lan2", "10.213.8.0/24", null, false, Map.of()).gateway());
    }

    @Test
    void dockersMessagesForWhatCreateRefuses() throws Exception {
        networks.create("web", "10.213.0.0/16", null, false, Map.of());
        assertEquals("network with name web already exists", refused("web", "10.214.0.0/24", null));
        assertEquals("network with name bridge already exists", refused("bridge", null, null));
        assertEquals("Pool overlaps with other one on this address space", refused("other", "10.213.5.0/24", null));
        assertEquals("invalid CIDR address: 10.0.0.0/33", refused("other", "10.0.0.0/33", null));
        assertEquals("no matching subnet for gateway 10.215.0.1", refused("other", "10.214.0.0/24", "10.215.0.1"));
        assertEquals("every ip-range or gateway must have a corresponding subnet", refused("other", null, "10.1.1.1"));
        assertTrue(refused("bad name", null, null).startsWith("invalid network name \"bad name\""));
        assertEquals(List.of("bridge", "host", "none", "web"), networks.list().stream().map(NetworkRecord::name).toList());
    }

    @Test
    void unknownAndAmbiguousNames() throws Exception {
        assertEquals("network nope not found",
                assertThrows(LaunchException.class, () -> networks.find("nope")).getMessage());
        assertEquals("network  not found", assertThrows(LaunchException.class, () -> networks.find("")).getMessage());
        for (String name : List.of("x", "y")) {
            // Not hex: no predefined network's id can share the prefix.
            NetworkRecord n = new NetworkRecord("zzz" + name.repeat(61), name, "null", null, null, null, false, "",
                    Map.of(), false);
            Files.write(networks.dir().resolve(name + ".json"), Json.write(n));
        }
        assertEquals("network zzz is ambiguous (2 matches found based on ID prefix)",
                assertThrows(LaunchException.class, () -> networks.find("zzz")).getMessage());
        assertEquals("x", networks.find("zzzx").name());
    }

    @Test
    void removeTakesTheFilesAndTheBridgeButNotAPredefinedNetworkNorOneInUse() throws Exception {
        NetworkRecord web = networks.create("web", null, null, false, Map.of());
        Files.createDirectories(networks.ipamDir().resolve("web"));
        Files.writeString(networks.ipamDir().resolve("web/172.18.0.2"), "leftover");
        assertEquals("bridge is a pre-defined network and cannot be removed",
                assertThrows(LaunchException.class, () -> networks.remove(networks.find("bridge"))).getMessage());
        Endpoint endpoint = new Endpoint("e".repeat(64), "c".repeat(64), "app", "cccccccccccc", web.id(), "web", "eth0",
                List.of(), null, List.of(), List.of("bridge"), Map.of());
        networks.endpoints().write(endpoint);
        assertEquals("error while removing network: network web id " + web.id() + " has active endpoints",
                assertThrows(LaunchException.class, () -> networks.remove(web)).getMessage());
        assertEquals(List.of(), networks.prune(), "in use");
        networks.endpoints().delete(endpoint);
        networks.remove(web);
        assertEquals(List.of(web.bridge()), host.deleted);
        assertFalse(Files.exists(networks.dir().resolve("web.json")));
        assertFalse(Files.exists(networks.dir().resolve("web.conflist")));
        assertFalse(Files.exists(networks.ipamDir().resolve("web")));
    }

    @Test
    void pruneRemovesUnusedUserNetworksOnly() throws Exception {
        networks.create("a", null, null, false, Map.of());
        networks.create("b", null, null, false, Map.of());
        assertEquals(List.of("a", "b"), networks.prune().stream().map(NetworkRecord::name).toList());
        assertEquals(List.of("bridge", "host", "none"), networks.list().stream().map(NetworkRecord::name).toList());
    }

    private String refused(String name, String subnet, String gateway) {
        return assertThrows(LaunchException.class, () -> networks.create(name, subnet, gateway, false, Map.of()))
                .getMessage();
    }
}
