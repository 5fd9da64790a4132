package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.plan.Names;
import dev.minidocker.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real plugins on the real kernel: network namespaces of the test's own stand for containers,
 * traffic goes only to them and to the host's own addresses. Each test takes off every container it
 * attached, removes its networks (and so their bridges and masquerading rules), and asserts that no
 * veth, lease or iptables rule of its containers or networks is left. portmap's static chains (CNI-HOSTPORT-DNAT, -SETMARK,
 * -MASQ) and firewall's (CNI-FORWARD, CNI-ADMIN) stay, as their plugins leave them by design.
 */
class AttachmentsKernelTest {
    /** How long each plugin call took, over the class's one-at-a-time tests: "ADD bridge" -> milliseconds. */
    private static final Map<String, List<Long>> TIMINGS = Collections.synchronizedMap(new java.util.TreeMap<>());
    private static int nextSubnet = (int) (ProcessHandle.current().pid() % 200);

    @TempDir
    Path dir;
    private Networks networks;
    private Attachments attachments;
    private final List<TestNetns> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<PluginCall> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> containerIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> outsideLinks = new ArrayList<>();
    /** This machine, counted as filtering forwarded traffic (as Docker's DROP policy does), so the firewall plugin runs. */
    private final TestHost host = TestHost.real();
    /** Whether this test's plugin calls count in {@link #TIMINGS}: not when they contend with each other. */
    private boolean oneAtATime = true;

    @BeforeEach
    void aStoreOfOurOwn() throws Exception {
        host.filtering = true;
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(CniPlugins.SEARCH.stream().anyMatch(d -> Files.isExecutable(d.resolve("bridge"))),
                "needs containernetworking-plugins");
        Store store = Store.open(dir.resolve("store"), notice -> { });
        networks = new Networks(store.root().resolve("networks"), store.root().resolve("tmp"), store.locks(), host);
        attachments = new Attachments(networks, CniPlugins.SEARCH, PortAllocator.host());
    }

    @AfterEach
    void leaveNothingBehind() throws Exception {
        if (networks == null) {
            return;
        }
        Set<String> all = new HashSet<>(containerIds);
        networks.endpoints().all().forEach(e -> all.add(e.containerId()));
        // The containers end, then leave their networks, as a detach after exit has them.
        for (TestNetns ns : namespaces) {
            ns.close();
        }
        for (String id : all) {
            attachments.detach(id, calls::add);
        }
        for (String link : outsideLinks) {
            HostNetwork.system().deleteLink(link);
        }
        List<NetworkRecord> created = networks.list().stream().filter(n -> !n.predefined()).toList();
        for (NetworkRecord n : created) {
            networks.remove(n);
            assertFalse(Files.exists(Path.of("/sys/class/net", n.bridge())), n.bridge());
        }
        String rules = iptables("-t", "nat", "-S") + iptables("-S");
        for (String id : all) {
            assertFalse(rules.contains(id), "a rule of " + id + " is left:\n" + rules);
        }
        for (NetworkRecord n : created) {
            assertFalse(rules.contains(masqueradeComment(n)), "the masquerading rule of " + n.name() + ":\n" + rules);
        }
        calls.stream().filter(c -> oneAtATime).forEach(c -> TIMINGS.computeIfAbsent(c.command() + " " + c.plugin(), k -> new ArrayList<>())
                .add(c.elapsed().toMillis()));
    }

    @AfterAll
    static void report() {
        TIMINGS.forEach((call, millis) -> {
            List<Long> sorted = millis.stream().sorted().toList();
            System.out.println("plugin call " + call + ": median " + sorted.get(sorted.size() / 2) + " ms of "
                    + sorted.size() + ", max " + sorted.getLast() + " ms");
        });
    }

    @Test
    void aContainerGetsAnAddressARouteOutAndItsPortsThenDetachLeavesNothing() throws Exception {
        NetworkRecord network = network(false);
        TestNetns ns = namespace();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "hello from the container\n");
        ns.spawn("busybox", "httpd", "-f", "-p", "80", "-h", www.toString());
        ns.spawn("python3", "-c", UDP_ECHO);
        int tcp = freePort();
        int udp = freePort();
        List<PortBinding> ports = new ArrayList<>(PortBinding.parse(tcp + ":80"));
        ports.addAll(PortBinding.parse("127.0.0.1::80"));
        ports.addAll(PortBinding.parse(udp + ":53/udp"));

        Endpoint e = attach(ns, network, ports, null, "web");

        assertTrue(network.subnet().contains(e.address()), e.cidr());
        assertEquals(24, e.prefixLength());
        assertEquals(network.gateway(), e.gateway());
        assertTrue(e.macAddress().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), e.macAddress());
        assertTrue(Files.exists(Path.of("/sys/class/net", e.hostInterface())), e.hostInterface());
        assertTrue(ns.run("ip", "-4", "-o", "addr", "show", "eth0").contains(e.cidr()));
        assertTrue(ns.run("ip", "route").contains("default via " + network.gateway() + " dev eth0"));
        assertTrue(Files.exists(networks.ipamDir().resolve(network.name()).resolve(e.address())));
        assertEquals(List.of("bridge", "portmap", "firewall"), e.plugins());
        assertTrue(iptables("-t", "nat", "-S", "POSTROUTING").contains("-A POSTROUTING -s " + network.subnet() + " ! -o "
                + network.bridge() + " -m comment --comment \"" + masqueradeComment(network) + "\" -j MASQUERADE"),
                "one masquerading rule for the network, as Docker's");
        assertFalse(iptables("-t", "nat", "-S").contains(e.containerId() + "\" -j CNI-"), "none of the container's own");
        int loopbackOnly = e.ports().get(1).hostPort();
        assertEquals("127.0.0.1", e.ports().get(1).hostIp());

        String host = hostAddress();
        awaitHttp("127.0.0.1", tcp);
        assertTrue(httpGet("127.0.0.1", tcp).contains("hello from the container"));
        assertTrue(httpGet(host, tcp).contains("hello from the container"));
        assertTrue(httpGet("127.0.0.1", loopbackOnly).contains("hello from the container"));
        assertThrows(ConnectException.class, () -> httpGet(host, loopbackOnly), "published on 127.0.0.1 only");
        assertEquals("ping", udpEcho(udp, "ping"));

        // Outbound: a server on the host's own address, and one beyond the host, reached by masquerade.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            Process client = ns.spawn("busybox", "nc", host, Integer.toString(server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                assertEquals(e.address(), accepted.getInetAddress().getHostAddress());
            }
            client.destroyForcibly();
        }
        assertEquals(outsideGateway(), connectBeyondTheHost(ns), "masqueraded to the host's address on that link");
        String netns = ns.netns().toString();

        ns.close();
        attachments.detach(e.containerId(), calls::add);

        awaitGone(e.hostInterface());
        assertFalse(Files.exists(networks.ipamDir().resolve(network.name()).resolve(e.address())), "the lease");
        assertEquals(List.of(), networks.endpoints().all());
        assertEquals(List.of("ADD bridge", "ADD portmap", "ADD firewall"), commands().subList(0, 3));
        assertEquals(Set.of("DEL firewall", "DEL portmap", "DEL bridge"), Set.copyOf(commands().subList(3, 6)),
                "at once, in no order");
        String narration = calls.getFirst().narration();
        assertTrue(narration.startsWith("cni: ADD bridge (CNI_CONTAINERID=" + e.containerId() + " CNI_NETNS="
                + netns + " CNI_IFNAME=eth0) in "), narration);
        assertTrue(calls.getLast().narration().contains("CNI_NETNS=\"\""), calls.getLast().narration());
        assertEquals(3, narration.lines().count(), "the call, its stdin, its result: " + narration);
        assertTrue(narration.lines().toList().get(2).contains("\"address\":\"" + e.cidr() + "\""), narration);
        assertThrows(ConnectException.class, () -> httpGet("127.0.0.1", tcp));
    }

    @Test
    void checkSeesARouteThatWasTakenAway() throws Exception {
        NetworkRecord network = network(false);
        TestNetns ns = namespace();
        Endpoint e = attach(ns, network, PortBinding.parse(freePort() + ":80"), null, "checked");
        attachments.check(e.containerId(), ns.netns(), calls::add);
        assertEquals(List.of("CHECK bridge", "CHECK firewall"), commands().subList(3, commands().size()));
        ns.run("ip", "route", "delete", "default");
        LaunchException broken = assertThrows(LaunchException.class,
                () -> attachments.check(e.containerId(), ns.netns(), calls::add));
        assertTrue(broken.getMessage().startsWith("check container " + e.containerId().substring(0, 12) + " on network "
                + network.name() + ": CHECK bridge: "), broken.getMessage());
    }

    @Test
    void theVethGoesWithTheNamespaceAndADetachAfterwardsRemovesTheRulesAndTheLease() throws Exception {
        host.filtering = false;
        NetworkRecord network = network(false);
        TestNetns ns = namespace();
        Endpoint e = attach(ns, network, PortBinding.parse(freePort() + ":80"), null, "short-lived");
        assertEquals(List.of("bridge", "portmap"), e.plugins(), "no firewall where forwarding is not filtered");
        ns.close();
        awaitGone(e.hostInterface());
        assertTrue(iptables("-t", "nat", "-S").contains(e.containerId()), "its DNAT rules are the DEL's to remove");

        attachments.detach(e.containerId(), calls::add);

        assertFalse(iptables("-t", "nat", "-S").contains(e.containerId()), "DNAT rules");
        assertFalse(Files.exists(networks.ipamDir().resolve(network.name()).resolve(e.address())));
        attachments.detach(e.containerId(), calls::add);
    }

    @Test
    void aRunningContainerLeavesOneNetworkItsInterfaceThereDeleted() throws Exception {
        NetworkRecord first = network(false);
        NetworkRecord second = network(false);
        TestNetns ns = namespace();
        Endpoint one = attach(ns, first, List.of(), null, "twice");
        String id = one.containerId();
        Endpoint two = attachments.attach(new Attachments.Request(id, "twice", id.substring(0, 12), ns.netns(), null,
                second.name(), List.of(), null, List.of()), calls::add);
        assertEquals("eth1", two.ifname());

        attachments.detach(id, first, ns.netns(), calls::add);

        assertFalse(ns.run("ip", "-o", "link").contains("eth0"));
        assertTrue(ns.run("ip", "-o", "link").contains("eth1"));
        assertEquals(List.of(second.id()), networks.endpointsOf(id).stream().map(Endpoint::networkId).toList());
    }

    @Test
    void reconcileTakesOffTheContainersThatNoLongerRun() throws Exception {
        NetworkRecord network = network(false);
        TestNetns gone = namespace();
        TestNetns alive = namespace();
        Endpoint ended = attach(gone, network, List.of(), null, "ended");
        Endpoint running = attach(alive, network, List.of(), null, "running");
        gone.close();

        attachments.reconcile(id -> id.equals(running.containerId()), calls::add);

        assertEquals(List.of(running.containerId()), networks.endpoints().all().stream().map(Endpoint::containerId).toList());
        awaitGone(ended.hostInterface());
        assertTrue(Files.exists(Path.of("/sys/class/net", running.hostInterface())));
    }

    @Test
    void afterARebootReconcileFreesTheLeasesWithNoNamespaceToName() throws Exception {
        host.filtering = false;
        NetworkRecord network = network(true);
        TestNetns ns = namespace();
        Endpoint e = attach(ns, network, List.of(), null, "before-reboot");
        // A reboot: the namespace and its veth are gone; the store is not.
        ns.close();
        assertTrue(Files.exists(networks.ipamDir().resolve(network.name()).resolve(e.address())), "the lease outlived it");

        attachments.reconcile(id -> false, calls::add);

        assertFalse(Files.exists(networks.ipamDir().resolve(network.name()).resolve(e.address())));
        assertEquals(List.of(), networks.endpoints().all());
        assertTrue(calls.getLast().narration().contains("CNI_NETNS=\"\""), calls.getLast().narration());
    }

    @Test
    void twentyAttachesAtOnceGetTwentyAddressesAndPorts() throws Exception {
        oneAtATime = false;
        NetworkRecord network = network(false);
        List<TestNetns> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(namespace());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Endpoint>> attached = new ArrayList<>();
            for (int i = 0; i < many.size(); i++) {
                TestNetns ns = many.get(i);
                String name = "c" + i;
                attached.add(pool.submit(() -> attach(ns, network, PortBinding.parse("80"), null, name)));
            }
            Set<String> addresses = new HashSet<>();
            Set<Integer> hostPorts = new HashSet<>();
            for (Future<Endpoint> f : attached) {
                Endpoint e = f.get(120, TimeUnit.SECONDS);
                addresses.add(e.address());
                hostPorts.add(e.ports().getFirst().hostPort());
            }
            assertEquals(20, addresses.size(), addresses.toString());
            assertEquals(20, hostPorts.size(), hostPorts.toString());
            for (TestNetns ns : many) {
                ns.close();
            }
            List<Future<?>> detached = new ArrayList<>();
            for (String id : List.copyOf(containerIds)) {
                detached.add(pool.submit(() -> {
                    attachments.detach(id, calls::add);
                    return null;
                }));
            }
            for (Future<?> f : detached) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), networks.endpoints().all());
        try (var leases = Files.list(networks.ipamDir().resolve(network.name()))) {
            assertEquals(List.of(), leases.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9.]+")).toList());
        }
        for (int i = 0; ip("-o", "link").contains("master " + network.bridge()) && i < 200; i++) {
            Thread.sleep(10);
        }
        assertFalse(ip("-o", "link").contains("master " + network.bridge()), "no veth on the bridge");
    }

    @Test
    void containersOnAUserNetworkFindEachOtherByNameAndAliasAsTheyComeAndGo() throws Exception {
        NetworkRecord network = network(false);
        Path hostsA = hostsFile("a");
        Path hostsB = hostsFile("b");
        Path hostsC = hostsFile("c");
        TestNetns a = namespace(hostsA);
        TestNetns b = namespace(hostsB);
        Endpoint ea = attach(a, network, List.of(), null, "alpha", hostsA, List.of());
        Endpoint eb = attach(b, network, List.of(), null, "beta", hostsB, List.of("db"));
        Object inode = Files.getAttribute(hostsA, "unix:ino");

        assertEquals(eb.address(), resolve(a, "beta"));
        assertEquals(eb.address(), resolve(a, "db"));
        assertEquals(eb.address(), resolve(a, eb.containerId().substring(0, 12)));
        assertEquals(ea.address(), resolve(b, "alpha"));
        assertEquals(ea.address(), resolve(a, "alpha"), "its own name too");

        TestNetns c = namespace(hostsC);
        Endpoint ec = attach(c, network, List.of(), null, "gamma", hostsC, List.of());
        assertEquals(ec.address(), resolve(a, "gamma"), "a container started later is found");
        assertEquals(ec.address(), resolve(b, "gamma"));
        assertEquals(inode, Files.getAttribute(hostsA, "unix:ino"), "rewritten in place");

        b.close();
        attachments.detach(eb.containerId(), calls::add);
        assertFalse(Files.readString(hostsA).contains("beta"), Files.readString(hostsA));
        // A name, not a substring: the containers' ids in the file are hex, and may hold "db".
        assertFalse(List.of(Files.readString(hostsC).split("\\s+")).contains("db"), Files.readString(hostsC));
        assertTrue(Files.readString(hostsA).startsWith(HostsFile.base(List.of())));
    }

    @Test
    void aHostPortTakenByAHostProcessOrAnotherContainerFailsWithDockersLineAndLeavesNothing() throws Exception {
        NetworkRecord network = network(false);
        TestNetns first = namespace();
        TestNetns second = namespace();
        try (ServerSocket hostServer = new ServerSocket(0)) {
            int taken = hostServer.getLocalPort();
            LaunchException e = assertThrows(LaunchException.class,
                    () -> attach(first, network, PortBinding.parse(taken + ":80"), null, "late"));
            assertEquals("Bind for 0.0.0.0:" + taken + " failed: port is already allocated", e.getMessage());
        }
        int port = freePort();
        attach(first, network, PortBinding.parse(port + ":80"), null, "first");
        LaunchException e = assertThrows(LaunchException.class,
                () -> attach(second, network, PortBinding.parse("127.0.0.1:" + port + ":80"), null, "second"));
        assertEquals("Bind for 127.0.0.1:" + port + " failed: port is already allocated", e.getMessage());
        assertEquals(1, networks.endpoints().all().size());
        assertFalse(second.run("ip", "-o", "link").contains("eth0"));
    }

    @Test
    void anAddressAskedForIsGivenAndAPluginsRefusalIsOneLineAndUndone() throws Exception {
        NetworkRecord network = network(false);
        String wanted = network.subnet().host(77);
        Endpoint e = attach(namespace(), network, List.of(), wanted, "fixed");
        assertEquals(wanted, e.address());

        TestNetns other = namespace();
        LaunchException refused = assertThrows(LaunchException.class,
                () -> attach(other, network, List.of(), wanted, "same-address"));
        assertTrue(refused.getMessage().startsWith("connect container " + containerIds.getLast().substring(0, 12)
                + " to network " + network.name() + ": ADD bridge: "), refused.getMessage());
        assertTrue(refused.getMessage().contains(wanted), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        assertEquals(1, networks.endpoints().all().size());
        assertFalse(other.run("ip", "-o", "link").contains("eth0"));
        assertTrue(calls.stream().anyMatch(PluginCall::failed));
    }

    @Test
    void aHostsFileThatCannotBeWrittenUndoesTheAttach() throws Exception {
        NetworkRecord network = network(false);
        TestNetns ns = namespace();
        Path notAFile = Files.createDirectories(dir.resolve("hosts-is-a-directory"));
        LaunchException e = assertThrows(LaunchException.class, () -> attach(ns, network,
                PortBinding.parse(freePort() + ":80"), null, "unlucky", notAFile, List.of()));
        assertTrue(e.getMessage().contains("rewrite hosts file " + notAFile), e.getMessage());
        assertEquals(List.of("ADD bridge", "ADD portmap", "ADD firewall"), commands().subList(0, 3));
        assertEquals(Set.of("DEL firewall", "DEL portmap", "DEL bridge"), Set.copyOf(commands().subList(3, 6)));
        assertEquals(List.of(), networks.endpoints().all());
        assertFalse(ns.run("ip", "-o", "link").contains("eth0"));
        assertFalse(iptables("-t", "nat", "-S").contains(containerIds.getLast()));
    }

    @Test
    void anInternalNetworkHasNoRouteOut() throws Exception {
        NetworkRecord network = network(true);
        TestNetns ns = namespace();
        Endpoint e = attach(ns, network, List.of(), null, "isolated");
        assertFalse(ns.run("ip", "route").contains("default"));
        assertTrue(ns.run("ip", "route").contains(network.subnet().toString()));
        assertFalse(iptables("-t", "nat", "-S").contains(masqueradeComment(network)), "no masquerade");
        IOException unreachable = assertThrows(IOException.class, () -> connectBeyondTheHost(ns));
        assertTrue(unreachable.getMessage().contains("unreachable"), unreachable.getMessage());
    }

    // --- helpers ---

    private static final String UDP_ECHO = """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("0.0.0.0", 53))
            while True:
                data, peer = s.recvfrom(512)
                s.sendto(data, peer)
            """;

    private List<String> commands() {
        return calls.stream().map(c -> c.command() + " " + c.plugin()).toList();
    }

    private static String masqueradeComment(NetworkRecord network) {
        return "minidocker network " + network.shortId();
    }

    /** A host interface gone, which the kernel removes a moment after the namespace of its peer. */
    private static void awaitGone(String link) throws InterruptedException {
        for (int i = 0; i < 200 && Files.exists(Path.of("/sys/class/net", link)); i++) {
            Thread.sleep(10);
        }
        assertFalse(Files.exists(Path.of("/sys/class/net", link)), link + " is left");
    }

    private NetworkRecord network(boolean internal) throws LaunchException {
        int third = nextSubnet++ % 250;
        return networks.create("kt" + ProcessHandle.current().pid() + "-" + third, "10.213." + third + ".0/24", null,
                internal, Map.of());
    }

    private TestNetns namespace() throws Exception {
        TestNetns ns = TestNetns.start();
        namespaces.add(ns);
        return ns;
    }

    private TestNetns namespace(Path hosts) throws Exception {
        TestNetns ns = TestNetns.withHosts(hosts);
        namespaces.add(ns);
        return ns;
    }

    private Path hostsFile(String name) throws IOException {
        Path file = dir.resolve("hosts-" + name);
        Files.writeString(file, HostsFile.base(List.of()));
        return file;
    }

    private Endpoint attach(TestNetns ns, NetworkRecord network, List<PortBinding> ports, String ip, String name)
            throws LaunchException {
        return attach(ns, network, ports, ip, name, null, List.of());
    }

    private Endpoint attach(TestNetns ns, NetworkRecord network, List<PortBinding> ports, String ip, String name,
            Path hosts, List<String> aliases) throws LaunchException {
        String id = Names.newId();
        containerIds.add(id);
        return attachments.attach(new Attachments.Request(id, name, id.substring(0, 12), ns.netns(), hosts,
                network.name(), ports, ip, aliases), calls::add);
    }

    private static String resolve(TestNetns ns, String name) throws Exception {
        return ns.run("getent", "hosts", name).trim().split("\\s+")[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String hostAddress() throws Exception {
        for (String line : ip("-4", "-o", "addr", "show", "scope", "global").lines().toList()) {
            String[] words = line.trim().split("\\s+");
            return words[3].substring(0, words[3].indexOf('/'));
        }
        throw new IOException("the host has no global IPv4 address");
    }

    private static void awaitHttp(String host, int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                httpGet(host, port);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
    }

    private static String httpGet(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 3000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String udpEcho(int port, String text) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(500);
            byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
            for (int attempt = 0; attempt < 10; attempt++) {
                s.send(new DatagramPacket(sent, sent.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket reply = new DatagramPacket(new byte[64], 64);
                try {
                    s.receive(reply);
                    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
                } catch (java.net.SocketTimeoutException notYet) {
                    // The echo server may not be listening yet.
                }
            }
            throw new IOException("no echo from 127.0.0.1:" + port);
        }
    }

    private String outsideGateway() {
        return "10.214." + (ProcessHandle.current().pid() % 250) + ".1";
    }

    /**
     * A namespace beyond the host (a veth of its own, 10.214.N.0/30, no route back to the containers):
     * the container's connection arrives there only if masqueraded to the host's end. Returns the
     * address the server there saw.
     */
    private String connectBeyondTheHost(TestNetns container) throws Exception {
        TestNetns outside = namespace();
        String link = "kto" + outside.pid();
        String far = outsideGateway().replaceFirst("\\.1$", ".2");
        ip("link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", Long.toString(outside.pid()));
        outsideLinks.add(link);
        ip("addr", "add", outsideGateway() + "/30", "dev", link);
        ip("link", "set", link, "up");
        outside.run("ip", "addr", "add", far + "/30", "dev", "eth0");
        outside.run("ip", "link", "set", "eth0", "up");
        Process server = outside.spawn("python3", "-c", """
                import socket
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("0.0.0.0", 7777))
                s.listen(1)
                print("listening", flush=True)
                c, peer = s.accept()
                print(peer[0], flush=True)
                """);
        var lines = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()));
        assertEquals("listening", lines.readLine());
        try {
            container.run("busybox", "sh", "-c", "echo hi | busybox nc -w 2 " + far + " 7777");
        } finally {
            HostNetwork.system().deleteLink(link);
            outsideLinks.remove(link);
        }
        return lines.readLine();
    }

    private static String ip(String... args) throws Exception {
        return command("ip", args);
    }

    private static String iptables(String... args) throws Exception {
        return command("iptables", args);
    }

    private static String command(String name, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(name));
        line.addAll(List.of(args));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", line) + ": " + out.strip());
        }
        return out;
    }
}
