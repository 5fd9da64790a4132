package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {
    private final Set<Integer> hostListens = Set.of(49000);
    private final PortAllocator allocator = new PortAllocator((ip, port, proto) -> !hostListens.contains(port),
            49000, 49005);

    @Test
    void aFixedPortIsTakenAsAsked() throws Exception {
        assertEquals(List.of(new PublishedPort("", 8080, 80, "tcp")),
                allocator.allocate(PortBinding.parse("8080:80"), List.of()));
    }

    @Test
    void anotherContainersPortIsAllocatedWithDockersLine() throws Exception {
        List<PublishedPort> taken = List.of(new PublishedPort("", 8080, 80, "tcp"));
        assertEquals("Bind for 0.0.0.0:8080 failed: port is already allocated", assertThrows(LaunchException.class,
                () -> allocator.allocate(PortBinding.parse("8080:80"), taken)).getMessage());
        assertEquals("Bind for 127.0.0.1:8080 failed: port is already allocated", assertThrows(LaunchException.class,
                () -> allocator.allocate(PortBinding.parse("127.0.0.1:8080:80"), taken)).getMessage());
    }

    @Test
    void addressesAndProtocolsApartDoNotClash() throws Exception {
        List<PublishedPort> taken = List.of(new PublishedPort("127.0.0.1", 8080, 80, "tcp"));
        assertEquals(8080, allocator.allocate(PortBinding.parse("192.0.2.2:8080:80"), taken).getFirst().hostPort());
        assertEquals(8080, allocator.allocate(PortBinding.parse("8080:80/udp"), taken).getFirst().hostPort());
        assertThrows(LaunchException.class, () -> allocator.allocate(PortBinding.parse("8080:80"), taken));
    }

    @Test
    void aPortAHostProcessHoldsIsAllocated() {
        assertEquals("Bind for 0.0.0.0:49000 failed: port is already allocated", assertThrows(LaunchException.class,
                () -> allocator.allocate(PortBinding.parse("49000:80"), List.of())).getMessage());
    }

    @Test
    void freePortsComeInOrderSkippingTakenOnes() throws Exception {
        List<PublishedPort> taken = List.of(new PublishedPort("", 49001, 80, "tcp"));
        List<PublishedPort> given = allocator.allocate(PortBinding.parse("80-82"), taken);
        assertEquals(List.of(49002, 49003, 49004), given.stream().map(PublishedPort::hostPort).toList());
    }

    @Test
    void aContainersOwnBindingsDoNotShareAPort() {
        List<PortBinding> twice = List.of(new PortBinding("", 8080, 8080, 80, "tcp"), new PortBinding("", 8080, 8080, 81, "tcp"));
        assertThrows(LaunchException.class, () -> allocator.allocate(twice, List.of()));
    }

    @Test
    void aHostRangeIsSearchedAndCanRunOut() throws Exception {
        List<PublishedPort> taken = List.of(new PublishedPort("", 8000, 80, "tcp"));
        assertEquals(8001, allocator.allocate(PortBinding.parse("8000-8001:80"), taken).getFirst().hostPort());
        List<PublishedPort> both = List.of(taken.getFirst(), new PublishedPort("", 8001, 80, "tcp"));
        assertEquals("Bind for 0.0.0.0:8001 failed: port is already allocated", assertThrows(LaunchException.class,
                () -> allocator.allocate(PortBinding.parse("8000-8001:80"), both)).getMessage());
    }

    @Test
    void theRealProbeSeesAListenerAndABoundUdpSocket() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertTrue(!PortAllocator.bindable("", listener.getLocalPort(), "tcp"));
            assertTrue(!PortAllocator.bindable("127.0.0.1", udp.getLocalPort(), "udp"));
        }
    }

    @Test
    void anAddressThatIsNotTheHostsFailsAsDockerProxysListen() throws IOException {
        assertEquals("listen tcp4 203.0.113.254:8080: bind: cannot assign requested address",
                assertThrows(LaunchException.class, () -> PortAllocator.bindable("203.0.113.254", 8080, "tcp")).getMessage());
    }
}
