package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Containers on networks as a Docker user reaches them: busybox's httpd published with {@code -p}
 * and fetched from the host through 127.0.0.1 and the host's own address, a port on loopback only,
 * UDP, {@code -P}; containers of a user network finding each other by name and alias, also one
 * started later; {@code --network container:NAME}; the default bridge resolving no names; an
 * internal network with no way out; the host's address reached from a container; resolv.conf and
 * /etc/hosts; stop and start; {@code network connect} and {@code disconnect}. No traffic leaves the
 * machine; every container's lease, endpoint and rules are checked gone after each test (see
 * {@link ContainerTraces}).
 */
class RunNetworkIT extends RunTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A UDP echo server, static, bound into the container: busybox has none. */
    private static final String UDP_ECHO = """
            #include <netinet/in.h>
            #include <stdlib.h>
            #include <sys/socket.h>
            int main(int argc, char **argv) {
                int s = socket(AF_INET, SOCK_DGRAM, 0);
                struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
                if (s < 0 || bind(s, (struct sockaddr *) &a, sizeof a) != 0) return 1;
                for (;;) {
                    char buf[512];
                    struct sockaddr_in peer;
                    socklen_t len = sizeof peer;
                    ssize_t n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *) &peer, &len);
                    if (n > 0) sendto(s, buf, n, 0, (struct sockaddr *) &peer, len);
                }
            }
            """;

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();
    private static Path probe;

    @BeforeAll
    static void buildUdpEcho() throws IOException {
        probe = TempDirs.create("udp-echo");
        Files.writeString(probe.resolve("udp-echo.c"), UDP_ECHO);
        HostCommand.check("gcc", "-static", "-O2", "-o", probe.resolve("udp-echo").toString(),
                probe.resolve("udp-echo.c").toString());
    }

    @AfterAll
    static void removeUdpEcho() {
        TempDirs.delete(probe);
    }

    @Test
    void aPublishedPortAnswersOnLoopbackAndOnTheHostsAddressAndIsShownAsDockerShowsIt() throws Exception {
        int port = HostSide.freePort();
        String id = httpd("web", "-p", port + ":80");
        String hostname = id.substring(0, 12) + "\n";
        assertEquals(hostname, HostSide.awaitGet("127.0.0.1", port, "/hostname"));
        assertEquals(hostname, HostSide.get(HostSide.address(), port, "/hostname").assertSuccess().stdout());
        // Another container comes in through the bridge, as another machine through the host's
        // interface: the rule that answers it is the one for traffic arriving, not the host's own.
        assertEquals(hostname, minidocker.run("run", "--rm", IMAGES.busybox(), "wget", "-qO-",
                "http://" + HostSide.address() + ":" + port + "/hostname").assertSuccess().stdout());

        assertEquals(List.of("0.0.0.0:" + port + "->80/tcp"),
                minidocker.run("ps", "--format", "{{.Ports}}").assertSuccess().stdoutLines());
        assertEquals(List.of("80/tcp -> 0.0.0.0:" + port), minidocker.run("port", "web").assertSuccess().stdoutLines());
        assertEquals(List.of("0.0.0.0:" + port), minidocker.run("port", "web", "80/tcp").assertSuccess().stdoutLines());
        assertEquals("minidocker: No public port '81/tcp' published for web",
                minidocker.run("port", "web", "81").assertExit(1).stderr().strip());

        JsonNode c = inspect("web");
        JsonNode settings = c.path("NetworkSettings");
        assertEquals("0.0.0.0", settings.path("Ports").path("80/tcp").get(0).path("HostIp").asText());
        assertEquals(Integer.toString(port), settings.path("Ports").path("80/tcp").get(0).path("HostPort").asText());
        assertEquals(Integer.toString(port), c.path("HostConfig").path("PortBindings").path("80/tcp").get(0)
                .path("HostPort").asText());
        assertEquals("bridge", c.path("HostConfig").path("NetworkMode").asText());
        JsonNode bridge = settings.path("Networks").path("bridge");
        assertTrue(settings.path("IPAddress").asText().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), settings.toString());
        assertEquals(settings.path("IPAddress").asText(), bridge.path("IPAddress").asText());
        assertEquals(settings.path("Gateway").asText(), bridge.path("Gateway").asText());
        assertTrue(settings.path("MacAddress").asText().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), settings.toString());
        assertEquals(network("bridge").path("Id").asText(), bridge.path("NetworkID").asText());
        assertEquals(hostname, HostSide.get(settings.path("IPAddress").asText(), 80, "/hostname").stdout(),
                "the host routes to its containers' addresses");

        minidocker.run("rm", "-f", "web").assertSuccess();
        assertFalse(HostSide.get("127.0.0.1", port, "/hostname").succeeded(), "nothing answers once it is gone");
    }

    @Test
    void aPortOnLoopbackGetsAFreeHostPortThatAnswersThereOnly() {
        httpd("local", "-p", "127.0.0.1::80");
        String mapped = minidocker.run("port", "local", "80").assertSuccess().lastStdoutLine();
        assertTrue(mapped.matches("127\\.0\\.0\\.1:\\d+"), mapped);
        int port = Integer.parseInt(mapped.substring(mapped.indexOf(':') + 1));
        assertTrue(HostSide.awaitGet("127.0.0.1", port, "/hostname").length() > 1);
        assertFalse(HostSide.get(HostSide.address(), port, "/hostname").succeeded(), "published on 127.0.0.1 alone");
        minidocker.run("rm", "-f", "local").assertSuccess();
    }

    @Test
    void aRangeOfHostPortsPublishesTheRangeOfContainerPorts() {
        int first = twoFreePorts();
        minidocker.run("run", "-d", "--name", "range", "-p", first + "-" + (first + 1) + ":80-81", IMAGES.busybox(),
                "sh", "-c", "httpd -p 80 -h /etc && exec httpd -f -p 81 -h /").assertSuccess();
        assertEquals(List.of("80/tcp -> 0.0.0.0:" + first, "81/tcp -> 0.0.0.0:" + (first + 1)),
                minidocker.run("port", "range").assertSuccess().stdoutLines());
        String id = inspect("range").path("Id").asText();
        assertEquals(id.substring(0, 12) + "\n", HostSide.awaitGet("127.0.0.1", first, "/hostname"));
        assertEquals(id.substring(0, 12) + "\n", HostSide.awaitGet("127.0.0.1", first + 1, "/etc/hostname"),
                "the second host port goes to the second server, which serves / (the first one serves /etc)");
        minidocker.run("rm", "-f", "range").assertSuccess();
    }

    @Test
    void udpGoesThroughAPublishedPort() throws Exception {
        int port = freeUdpPort();
        minidocker.run("run", "-d", "--name", "echo", "-p", port + ":53/udp", "-v", probe + ":/probe:ro",
                IMAGES.busybox(), "/probe/udp-echo", "53").assertSuccess();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(500);
            byte[] hello = "hello over udp".getBytes(StandardCharsets.UTF_8);
            String answer = null;
            for (int attempt = 0; attempt < 40 && answer == null; attempt++) {
                socket.send(new DatagramPacket(hello, hello.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                try {
                    socket.receive(reply);
                    answer = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
                } catch (SocketTimeoutException notYet) {
                    // The server may not be bound yet.
                }
            }
            assertEquals("hello over udp", answer);
        }
        assertEquals(List.of("53/udp -> 0.0.0.0:" + port), minidocker.run("port", "echo").assertSuccess().stdoutLines());
        minidocker.run("rm", "-f", "echo").assertSuccess();
    }

    @Test
    void publishAllGivesEachExposedPortAFreeHostPort() {
        minidocker.run("run", "-d", "--name", "all", "-P", IMAGES.web()).assertSuccess();
        String mapped = minidocker.run("port", "all").assertSuccess().lastStdoutLine();
        assertTrue(mapped.matches("80/tcp -> 0\\.0\\.0\\.0:\\d+"), mapped);
        int port = Integer.parseInt(mapped.substring(mapped.lastIndexOf(':') + 1));
        assertTrue(HostSide.awaitGet("127.0.0.1", port, "/hostname").length() > 1);
        JsonNode c = inspect("all");
        assertTrue(c.path("HostConfig").path("PublishAllPorts").asBoolean());
        assertTrue(c.path("Config").path("ExposedPorts").has("80/tcp"), c.path("Config").toString());
        minidocker.run("rm", "-f", "all").assertSuccess();
    }

    @Test
    void containersOfAUserNetworkFindEachOtherByNameAndAliasAlsoOneStartedLater() throws Exception {
        minidocker.run("network", "create", "appnet").assertSuccess();
        String web = httpd("web", "--network", "appnet", "--network-alias", "www");
        String webName = web.substring(0, 12) + "\n";
        awaitServing("web");
        assertEquals(webName, inContainer("appnet", "wget", "-qO-", "http://web/hostname"));
        assertEquals(webName, inContainer("appnet", "wget", "-qO-", "http://www/hostname"));
        assertEquals(webName, inContainer("appnet", "wget", "-qO-", "http://" + web.substring(0, 12) + "/hostname"));

        String db = httpd("db", "--network", "appnet");
        awaitServing("db");
        assertEquals(db.substring(0, 12) + "\n",
                minidocker.run("exec", "web", "wget", "-qO-", "http://db/hostname").assertSuccess().stdout(),
                "a container started later is found by one running before it");

        JsonNode inspected = inspect("web").path("NetworkSettings");
        assertEquals("", inspected.path("IPAddress").asText(), "Docker's top-level address is the default bridge's");
        JsonNode appnet = inspected.path("Networks").path("appnet");
        assertEquals(List.of("www"), strings(appnet.path("Aliases")));
        assertEquals(List.of("web", "www", web.substring(0, 12)), strings(appnet.path("DNSNames")));
        String address = appnet.path("IPAddress").asText();

        // --network container:web: web's interfaces, web's host name, web's hosts file.
        CommandResult joined = minidocker.run("run", "--rm", "--network", "container:web", IMAGES.busybox(), "sh",
                "-c", "ip -o -4 addr show; hostname; grep -cw db /etc/hosts").assertSuccess();
        assertTrue(joined.stdout().contains(" eth0 ") && joined.stdout().contains(address + "/"), joined.stdout());
        assertEquals(List.of(web.substring(0, 12), "1"), joined.stdoutLines().subList(joined.stdoutLines().size() - 2,
                joined.stdoutLines().size()));

        minidocker.run("rm", "-f", "db").assertSuccess();
        assertFalse(List.of(readHosts("web").split("\\s+")).contains("db"),
                "a container that is gone is no longer in the others' files");
        minidocker.run("rm", "-f", "web").assertSuccess();
        minidocker.run("network", "rm", "appnet").assertSuccess();
    }

    @Test
    void aContainerGetsTheAddressItAsksForOnANetworkWithItsOwnSubnet() {
        minidocker.run("network", "create", "--subnet", "10.213.79.0/24", "--gateway", "10.213.79.254", "fixed")
                .assertSuccess();
        CommandResult out = minidocker.run("run", "--rm", "--net", "fixed", "--ip", "10.213.79.50", IMAGES.busybox(),
                "sh", "-c", "ip -o -4 addr show eth0; ip route").assertSuccess();
        assertTrue(out.stdout().contains(" inet 10.213.79.50/24 "), out.stdout());
        assertTrue(out.stdout().contains("default via 10.213.79.254 dev eth0"), out.stdout());
        minidocker.run("network", "rm", "fixed").assertSuccess();
    }

    @Test
    void theDefaultBridgeResolvesNoNamesButRoutesBetweenContainers() {
        String id = httpd("named");
        awaitServing("named");
        String address = inspect("named").path("NetworkSettings").path("IPAddress").asText();
        // No DNS server to ask: 127.0.0.1 inside the container, where nothing listens.
        CommandResult byName = minidocker.run("run", "--rm", "--dns", "127.0.0.1", IMAGES.busybox(), "wget", "-qO-",
                "http://named/hostname");
        assertEquals(1, byName.exitCode(), byName.toString());
        assertTrue(byName.stderr().contains("bad address 'named'"), byName.stderr());
        assertEquals(id.substring(0, 12) + "\n", minidocker.run("run", "--rm", IMAGES.busybox(), "wget", "-qO-",
                "http://" + address + "/hostname").assertSuccess().stdout());
        minidocker.run("rm", "-f", "named").assertSuccess();
    }

    @Test
    void anInternalNetworkHasNoRouteOut() throws Exception {
        minidocker.run("network", "create", "--internal", "sealed").assertSuccess();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(HostSide.address()))) {
            CommandResult out = minidocker.run("run", "--rm", "--network", "sealed", IMAGES.busybox(), "sh", "-c",
                    "ip route; nc " + HostSide.address() + " " + server.getLocalPort() + " </dev/null");
            assertFalse(out.stdout().contains("default"), out.stdout());
            assertTrue(out.stderr().contains("unreachable"), out.toString());
        }
        minidocker.run("network", "rm", "sealed").assertSuccess();
    }

    @Test
    void aContainerReachesAServerOnTheHostsAddress() throws Exception {
        String host = HostSide.address();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            server.setSoTimeout(60_000);
            StartedMinidocker client = StartedMinidocker.start(minidocker, "run", "--rm", IMAGES.busybox(), "sh", "-c",
                    "echo from the container | nc " + host + " " + server.getLocalPort());
            try (Socket accepted = server.accept(); InputStream in = accepted.getInputStream()) {
                assertEquals("from the container\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                String subnet = network("bridge").path("IPAM").path("Config").get(0).path("Subnet").asText();
                assertTrue(inSubnet(accepted.getInetAddress().getHostAddress(), subnet),
                        "from the container's own address: " + accepted.getInetAddress() + " in " + subnet);
            }
            client.await(java.time.Duration.ofSeconds(60)).assertSuccess();
        }
    }

    @Test
    void resolvConfAndHostsAreDockersWithTheFlagsGiven() {
        String gateway = network("bridge").path("IPAM").path("Config").get(0).path("Gateway").asText();
        CommandResult out = minidocker.run("run", "--rm", "-h", "box", "--add-host", "db:10.0.0.7", "--add-host",
                "gw:host-gateway", "--dns", "10.0.0.53", "--dns-search", "example.org", "--dns-option", "ndots:2",
                IMAGES.busybox(), "sh", "-c", "cat /etc/resolv.conf; echo --; cat /etc/hosts").assertSuccess();
        List<String> lines = out.stdoutLines();
        assertEquals(List.of("nameserver 10.0.0.53", "search example.org", "options ndots:2", "--"),
                lines.subList(0, 4));
        assertTrue(lines.contains("127.0.0.1\tlocalhost"), lines.toString());
        assertTrue(lines.contains("10.0.0.7\tdb"), lines.toString());
        assertTrue(lines.contains(gateway + "\tgw"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+\\.\\d+\\.\\d+\\.\\d+\\tbox")), "its own address: " + lines);

        List<String> host = minidocker.run("run", "--rm", IMAGES.busybox(), "cat", "/etc/resolv.conf").assertSuccess()
                .stdoutLines();
        assertTrue(host.stream().filter(l -> l.startsWith("nameserver ")).noneMatch(l -> l.startsWith("nameserver 127.")),
                "no loopback server, which cannot answer from a container: " + host);
    }

    @Test
    void stopReleasesTheNetworkAndStartJoinsItAgain() {
        int port = HostSide.freePort();
        String id = httpd("again", "-p", port + ":80");
        HostSide.awaitGet("127.0.0.1", port, "/hostname");
        minidocker.run("stop", "-t", "1", "again").assertSuccess();
        assertEquals(List.of(), StoreNetworks.traces(minidocker.root(), java.util.Set.of(id)), "released on stop");
        assertFalse(HostSide.get("127.0.0.1", port, "/hostname").succeeded());
        assertEquals("{}", inspect("again").path("NetworkSettings").path("Ports").toString());

        minidocker.run("start", "again").assertSuccess();
        assertEquals(id.substring(0, 12) + "\n", HostSide.awaitGet("127.0.0.1", port, "/hostname"));
        minidocker.run("rm", "-f", "again").assertSuccess();
    }

    @Test
    void aDetachedContainerThatEndsIsReleasedByItsMonitorWithNoCommandRunning() throws Exception {
        int port = HostSide.freePort();
        String id = minidocker.run("run", "-d", "-p", port + ":80", IMAGES.busybox(), "sleep", "1").assertSuccess()
                .lastStdoutLine();
        Eventually.until(() -> StoreNetworks.traces(minidocker.root(), java.util.Set.of(id)).isEmpty(),
                java.time.Duration.ofSeconds(60), "the monitor's exit command to release the container");
        JsonNode record = JSON.readTree(minidocker.root().resolve("containers").resolve(id).resolve("container.json")
                .toFile());
        assertEquals("exited", record.path("state").path("status").asText(), "recorded without any command");
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void explainNarratesEachPluginCall() {
        CommandResult out = minidocker.run("run", "--rm", "--explain", "-p", HostSide.freePort() + ":80",
                IMAGES.busybox(), "true").assertSuccess();
        List<String> cni = out.stderrLines().stream().filter(l -> l.startsWith("cni: ")).toList();
        assertTrue(cni.getFirst().matches("cni: ADD bridge \\(CNI_CONTAINERID=[0-9a-f]{64} CNI_NETNS=/proc/\\d+/ns/net"
                + " CNI_IFNAME=eth0\\) in \\d+ ms"), cni.getFirst());
        assertTrue(cni.get(1).startsWith("cni:   stdin: {\"cniVersion\":\"1.0.0\",\"name\":\"bridge\",\"type\":\"bridge\""),
                cni.get(1));
        assertTrue(cni.get(2).startsWith("cni:   stdout: {"), cni.get(2));
        assertTrue(cni.stream().anyMatch(l -> l.startsWith("cni: ADD portmap")), cni.toString());
        assertTrue(cni.stream().anyMatch(l -> l.startsWith("cni: DEL portmap") && l.contains("CNI_NETNS=\"\"")),
                cni.toString());
    }

    @Test
    void aRunningContainerIsConnectedToAndDisconnectedFromANetwork() {
        minidocker.run("network", "create", "--subnet", "10.213.77.0/24", "side").assertSuccess();
        minidocker.run("run", "-d", "--name", "multi", IMAGES.busybox(), "sleep", "1000").assertSuccess();
        minidocker.run("network", "connect", "--ip", "10.213.77.9", "--alias", "m", "side", "multi").assertSuccess();
        assertTrue(minidocker.run("exec", "multi", "ip", "-o", "-4", "addr", "show", "eth1").assertSuccess().stdout()
                .contains("10.213.77.9/24"));
        JsonNode side = inspect("multi").path("NetworkSettings").path("Networks").path("side");
        assertEquals("10.213.77.9", side.path("IPAddress").asText());
        assertEquals("10.213.77.9", side.path("IPAMConfig").path("IPv4Address").asText());
        assertEquals("minidocker: endpoint with name multi already exists in network side",
                minidocker.run("network", "connect", "side", "multi").assertExit(1).stderr().strip());

        minidocker.run("network", "disconnect", "side", "multi").assertSuccess();
        assertFalse(minidocker.run("exec", "multi", "ip", "-o", "link").assertSuccess().stdout().contains("eth1"));
        assertFalse(inspect("multi").path("NetworkSettings").path("Networks").has("side"));
        minidocker.run("rm", "-f", "multi").assertSuccess();
        minidocker.run("network", "rm", "side").assertSuccess();
    }

    // --- helpers ---

    /** busybox's httpd serving the container's /etc on port 80, started detached; its id. */
    private String httpd(String name, String... flags) {
        List<String> command = new java.util.ArrayList<>(List.of("run", "-d", "--name", name));
        command.addAll(List.of(flags));
        command.addAll(List.of(IMAGES.busybox(), "httpd", "-f", "-p", "80", "-h", "/etc"));
        return minidocker.run(command.toArray(String[]::new)).assertSuccess().lastStdoutLine();
    }

    /** A TCP port whose next one is free too. */
    private static int twoFreePorts() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = HostSide.freePort();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // Try another.
            }
        }
        throw new AssertionError("no two free ports in a row");
    }

    /** Until the container's own httpd answers inside it. */
    private void awaitServing(String name) {
        Eventually.until(() -> minidocker.run("exec", name, "wget", "-qO-", "http://127.0.0.1/hostname").succeeded(),
                java.time.Duration.ofSeconds(30), name + "'s httpd");
    }

    /** A command in a new container on {@code network}, removed after; its stdout. */
    private String inContainer(String network, String... command) {
        List<String> line = new java.util.ArrayList<>(List.of("run", "--rm", "--network", network, IMAGES.busybox()));
        line.addAll(List.of(command));
        return minidocker.run(line.toArray(String[]::new)).assertSuccess().stdout();
    }

    private String readHosts(String container) {
        return minidocker.run("exec", container, "cat", "/etc/hosts").assertSuccess().stdout();
    }

    private JsonNode network(String name) {
        try {
            return JSON.readTree(minidocker.run("network", "inspect", name).assertSuccess().stdout()).get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static boolean inSubnet(String address, String cidr) {
        int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (ipv4(address) & mask) == (ipv4(cidr.substring(0, cidr.indexOf('/'))) & mask);
    }

    private static int ipv4(String dotted) {
        int value = 0;
        for (String octet : dotted.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
