package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's choice of a default subnet against given route tables. */
class AddressPoolsTest {
    private final AddressPools docker = AddressPools.docker();

    private static List<Subnet> routes(String table) {
        return HostRoutes.parse("Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n" + table);
    }

    @Test
    void theFirstSixteenWhenNothingIsInTheWay() throws Exception {
        assertEquals("172.17.0.0/16", docker.choose(routes("eth0\t00000000\t010200C0\t3\t0\t0\t0\t00000000\t0\t0\t0\n"))
                .toString());
    }

    @Test
    void aHostRouteInsideAPoolSkipsIt() throws Exception {
        // 172.17.5.0/24 on a VPN link: 172.17.0.0/16 would swallow it.
        String table = "tun0\t000511AC\t00000000\t1\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
        assertEquals("172.18.0.0/16", docker.choose(routes(table)).toString());
    }

    @Test
    void aWideHostRouteSkipsEveryPoolItCovers() throws Exception {
        // 172.16.0.0/12 covers 172.17-172.31: Docker goes on to 192.168.0.0/20.
        String table = "eth1\t000010AC\t00000000\t1\t0\t0\t0\t0000F0FF\t0\t0\t0\n";
        assertEquals("192.168.0.0/20", docker.choose(routes(table)).toString());
    }

    @Test
    void takenNetworksCountAsRoutesDo() throws Exception {
        List<Subnet> taken = new ArrayList<>();
        for (int i = 17; i <= 31; i++) {
            taken.add(Subnet.parse("172." + i + ".0.0/16"));
        }
        taken.add(Subnet.parse("192.168.0.0/20"));
        assertEquals("192.168.16.0/20", docker.choose(taken).toString());
    }

    @Test
    void exhaustedPoolsFailWithDockersMessage() throws Exception {
        assertEquals("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network",
                assertThrows(LaunchException.class, () -> docker.choose(List.of(Subnet.parse("0.0.0.0/1"),
                        Subnet.parse("128.0.0.0/1")))).getMessage());
    }

    @Test
    void configuredPoolsAreCutIntoTheirSize() throws Exception {
        AddressPools pools = new AddressPools(List.of(new AddressPools.Pool(Subnet.parse("10.10.0.0/16"), 24)));
        assertEquals("10.10.1.0/24", pools.choose(List.of(Subnet.parse("10.10.0.0/24"))).toString());
    }
}
