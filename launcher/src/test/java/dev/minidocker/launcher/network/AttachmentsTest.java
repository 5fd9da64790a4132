package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What attach refuses before it touches the host: no plugin runs, nothing is pinned. */
class AttachmentsTest {
    private static final String ID = "c".repeat(64);
    @TempDir
    Path dir;
    private Networks networks;

    @BeforeEach
    void aStore() throws Exception {
        Store store = Store.open(dir.resolve("store"), notice -> { });
        networks = new Networks(store.root().resolve("networks"), store.root().resolve("tmp"), store.locks(),
                TestHost.fake());
    }

    private Attachments attachments(Path... pluginDirs) {
        return new Attachments(networks, List.of(pluginDirs), new PortAllocator((ip, port, protocol) -> true, 40000, 40010));
    }

    private String refused(Attachments attachments, String id, String network, String ip) {
        Attachments.Request request = new Attachments.Request(id, "web", "web", Path.of("/proc/1/ns/net"), null,
                network, List.of(), ip, List.of());
        return assertThrows(LaunchException.class, () -> attachments.attach(request, call -> { })).getMessage();
    }

    @Test
    void missingPluginsSayWhatToInstall() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path some = Files.createDirectories(dir.resolve("some"));
        Files.createFile(some.resolve("bridge")).toFile().setExecutable(true);
        assertEquals("networking needs the CNI plugins (bridge, host-local, portmap, firewall) in "
                + empty + " or " + some + ": apt-get install containernetworking-plugins",
                refused(attachments(empty, some), ID, "bridge", null));
    }

    @Test
    void dockersRulesForAnAddressAskedFor() throws Exception {
        networks.create("auto", null, null, false, Map.of());
        networks.create("lan", "10.213.0.0/24", null, false, Map.of());
        Attachments attachments = attachments(dir);
        assertEquals("user specified IP address is supported on user defined networks only",
                refused(attachments, ID, "bridge", "172.17.0.9"));
        assertEquals("user specified IP address is supported only when connecting to networks with user configured subnets",
                refused(attachments, ID, "auto", "172.18.0.9"));
        assertEquals("no configured subnet or ip-range contain the IP address 10.9.9.9",
                refused(attachments, ID, "lan", "10.9.9.9"));
    }

    @Test
    void hostNoneAndUnknownNetworksAndBadIds() {
        Attachments attachments = attachments(dir);
        assertEquals("container cannot be disconnected from host network or connected to host network",
                refused(attachments, ID, "host", null));
        assertEquals("network nope not found", refused(attachments, ID, "nope", null));
        assertEquals("attach container ../../etc: not a container id", refused(attachments, "../../etc", "bridge", null));
    }

    @Test
    void hostsEntriesOwnAddressFirstThenTheOthersOfNetworksThatResolveNames() {
        String user = "u".repeat(64);
        String dflt = "d".repeat(64);
        Endpoint self = endpoint('a', "web", user, "10.0.0.2/24", List.of("www"));
        Endpoint peer = endpoint('b', "db", user, "10.0.0.3/24", List.of());
        Endpoint selfOnDefault = endpoint('a', "web", dflt, "172.17.0.2/16", List.of());
        Endpoint otherOnDefault = endpoint('c', "cache", dflt, "172.17.0.3/16", List.of());
        List<Endpoint> all = List.of(self, peer, selfOnDefault, otherOnDefault);
        assertEquals(List.of("10.0.0.2\taaaaaaaaaaaa web www", "172.17.0.2\taaaaaaaaaaaa",
                "10.0.0.3\tdb bbbbbbbbbbbb"),
                HostsBlocks.entries("a".repeat(64), all, user::equals).stream().map(Object::toString).toList());
        assertEquals(List.of("172.17.0.3\tcccccccccccc"),
                HostsBlocks.entries("c".repeat(64), all, user::equals).stream().map(Object::toString).toList(),
                "the default bridge resolves no names");
    }

    private static Endpoint endpoint(char id, String name, String network, String cidr, List<String> aliases) {
        String containerId = String.valueOf(id).repeat(64);
        return new Endpoint("e".repeat(64), containerId, name, containerId.substring(0, 12), network, "n", "eth0",
                aliases, null, List.of(), List.of("bridge"), Map.of("ips", List.of(Map.of("address", cidr))));
    }
}
