package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every form of {@code -p} in Docker's documentation, and Docker's messages for what it refuses. */
class PortBindingTest {
    private static PortBinding one(String spec) throws LaunchException {
        List<PortBinding> parsed = PortBinding.parse(spec);
        assertEquals(1, parsed.size(), spec);
        return parsed.getFirst();
    }

    @Test
    void hostPortToContainerPort() throws Exception {
        assertEquals(new PortBinding("", 8080, 8080, 80, "tcp"), one("8080:80"));
        assertFalse(one("8080:80").dynamic());
    }

    @Test
    void aContainerPortAloneGetsAFreeHostPort() throws Exception {
        PortBinding b = one("80");
        assertEquals(new PortBinding("", 0, 0, 80, "tcp"), b);
        assertTrue(b.dynamic());
        assertEquals("", b.hostPortText());
    }

    @Test
    void anAddressLimitsTheBinding() throws Exception {
        assertEquals(new PortBinding("127.0.0.1", 8080, 8080, 80, "tcp"), one("127.0.0.1:8080:80"));
        assertEquals(new PortBinding("127.0.0.1", 0, 0, 80, "tcp"), one("127.0.0.1::80"));
    }

    @Test
    void protocols() throws Exception {
        assertEquals(new PortBinding("", 5353, 5353, 53, "udp"), one("5353:53/udp"));
        assertEquals("53/udp", one("5353:53/UDP").containerKey());
        assertEquals("sctp", one("80/sctp").protocol());
        assertEquals("tcp", one("80/tcp").protocol());
    }

    @Test
    void rangesMapPortByPort() throws Exception {
        assertEquals(List.of(new PortBinding("", 8000, 8000, 80, "tcp"), new PortBinding("", 8001, 8001, 81, "tcp"),
                new PortBinding("", 8002, 8002, 82, "tcp")), PortBinding.parse("8000-8002:80-82"));
        assertEquals(3, PortBinding.parse("80-82").size());
        assertTrue(PortBinding.parse("80-82").stream().allMatch(PortBinding::dynamic));
    }

    @Test
    void aHostRangeForOneContainerPortIsWhereTheFreePortIsSought() throws Exception {
        PortBinding b = one("8000-8010:80");
        assertEquals(new PortBinding("", 8000, 8010, 80, "tcp"), b);
        assertTrue(b.dynamic());
        assertEquals("8000-8010", b.hostPortText());
    }

    @Test
    void exposedPortsAllGetFreeHostPorts() throws Exception {
        assertEquals(List.of(new PortBinding("", 0, 0, 80, "tcp"), new PortBinding("", 0, 0, 53, "udp")),
                PortBinding.exposed(List.of("80/tcp", "53/udp")));
    }

    @Test
    void dockersMessagesForBadInput() {
        assertEquals("invalid containerPort: 70000", refused("8080:70000"));
        assertEquals("invalid hostPort: 70000", refused("70000:80"));
        assertEquals("invalid containerPort: abc", refused("abc"));
        assertEquals("invalid containerPort: 0", refused("0"));
        assertEquals("invalid containerPort: 82-80", refused("82-80"));
        assertEquals("invalid proto: icmp", refused("80/icmp"));
        assertEquals("invalid IP address: 300.1.1.1", refused("300.1.1.1:80:80"));
        assertEquals("no port specified: 8080:<empty>", refused("8080:"));
        assertEquals("invalid ranges specified for container and host Ports: 80-82 and 8000-8003",
                refused("8000-8003:80-82"));
    }

    private static String refused(String spec) {
        return assertThrows(LaunchException.class, () -> PortBinding.parse(spec)).getMessage();
    }
}
