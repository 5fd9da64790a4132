package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostNetworkTest {
    @Test
    void anAcceptPolicyAloneDoesNotFilterNorDoesTheFirewallPluginsOwnChain() {
        assertFalse(HostNetwork.filters("-P INPUT DROP\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n"));
        assertFalse(HostNetwork.filters("""
                -P FORWARD ACCEPT
                -N CNI-ADMIN
                -N CNI-FORWARD
                -A FORWARD -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD
                -A CNI-FORWARD -m comment --comment "CNI firewall plugin admin overrides" -j CNI-ADMIN
                -A CNI-FORWARD -d 172.20.0.5/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                """));
    }

    @Test
    void anotherEnginesEmptyChainOrADropOutsideForwardingDoesNotFilter() {
        assertFalse(HostNetwork.filters("""
                -P INPUT ACCEPT
                -P FORWARD ACCEPT
                -N NETAVARK_FORWARD
                -N SSH
                -A INPUT -p tcp --dport 22 -j SSH
                -A SSH -s 10.0.0.0/8 -j DROP
                -A FORWARD -m comment --comment "netavark firewall plugin rules" -j NETAVARK_FORWARD
                -A FORWARD -j LOG
                """));
    }

    @Test
    void dockersDropPolicyOrADropReachableFromForwardFilters() {
        assertTrue(HostNetwork.filters("-P FORWARD DROP\n-A FORWARD -j DOCKER-USER\n"));
        assertTrue(HostNetwork.filters("-P FORWARD ACCEPT\n-A FORWARD -j REJECT --reject-with icmp-host-prohibited\n"));
        assertTrue(HostNetwork.filters("""
                -P FORWARD ACCEPT
                -N OUTER
                -N INNER
                -A FORWARD -j OUTER
                -A OUTER -g INNER
                -A INNER -d 10.0.0.1/32 -j DROP
                """), "two chains down, through a goto");
    }
}
