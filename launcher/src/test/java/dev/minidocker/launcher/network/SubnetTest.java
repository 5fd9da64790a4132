package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import org.junit.jupiter.api.Test;

class SubnetTest {
    @Test
    void parsesAndPrintsMasked() throws Exception {
        assertEquals("172.18.0.0/16", Subnet.parse("172.18.5.7/16").toString());
        assertEquals("0.0.0.0/0", Subnet.parse("10.1.2.3/0").toString());
        assertEquals("10.1.2.3/32", Subnet.parse("10.1.2.3/32").toString());
        assertEquals("172.18.0.1", Subnet.parse("172.18.0.0/16").host(1));
    }

    @Test
    void refusesWhatIsNoCidrInGosWords() {
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0.0", "10.0.0/8", "256.0.0.0/8", "x/8", "10.0.0.0/-1",
                "010.0.0.0/8", "::1/128"}) {
            assertEquals("invalid CIDR address: " + bad,
                    assertThrows(LaunchException.class, () -> Subnet.parse(bad)).getMessage());
        }
    }

    @Test
    void containsAndOverlaps() throws Exception {
        Subnet s = Subnet.parse("172.18.0.0/16");
        assertTrue(s.contains("172.18.255.255"));
        assertFalse(s.contains("172.19.0.0"));
        assertFalse(s.contains("not an address"));
        assertTrue(s.overlaps(Subnet.parse("172.18.3.0/24")));
        assertTrue(Subnet.parse("172.18.3.0/24").overlaps(s));
        assertTrue(s.overlaps(Subnet.parse("172.0.0.0/8")));
        assertFalse(s.overlaps(Subnet.parse("172.19.0.0/16")));
    }

    @Test
    void addressesAboveTheSignBitWork() throws Exception {
        Subnet s = Subnet.parse("192.168.16.0/20");
        assertEquals("192.168.31.255", Subnet.format(s.last()));
        assertTrue(s.contains("192.168.20.1"));
    }
}
