package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostNetworkTest {
    @Test
    void anAcceptPolicyAloneDoesNotFilterNorDoesTheFirewallPluginsOwnJump() {
        assertFalse(HostNetwork.filters("-P FORWARD ACCEPT\n"));
        assertFalse(HostNetwork.filters(
                "-P FORWARD ACCEPT\n-A FORWARD -m comment --comment \"CNI firewall plugin rules\" -j CNI-FORWARD\n"));
    }

    @Test
    void dockersDropPolicyOrAnyRuleFilters() {
        assertTrue(HostNetwork.filters("-P FORWARD DROP\n-A FORWARD -j DOCKER-USER\n"));
        assertTrue(HostNetwork.filters("-P FORWARD ACCEPT\n-A FORWARD -j REJECT --reject-with icmp-host-prohibited\n"));
    }
}
