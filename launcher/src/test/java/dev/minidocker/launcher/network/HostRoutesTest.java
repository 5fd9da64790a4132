package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostRoutesTest {
    /** This machine's table: a default route and the link's /24. */
    private static final String TABLE = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
            eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
            """;

    @Test
    void destinationsWithoutTheDefaultRoute() {
        assertEquals(List.of("192.0.2.0/24", "172.17.0.0/16"),
                HostRoutes.parse(TABLE).stream().map(Subnet::toString).toList());
    }

    @Test
    void anEmptyTableHasNoRoutes() {
        assertEquals(List.of(), HostRoutes.parse("Iface\tDestination\n"));
    }
}
