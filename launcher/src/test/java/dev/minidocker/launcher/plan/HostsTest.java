package dev.minidocker.launcher.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostsTest {
    private static final String LOCAL = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    @Test
    void anOwnNetworkNamesTheContainerOnLoopback() {
        assertEquals(LOCAL + "127.0.0.1\tc0ffee123456\n", Hosts.content("c0ffee123456", "none"));
    }

    @Test
    void theHostNetworkHasOnlyTheStandardEntries() {
        assertEquals(LOCAL, Hosts.content("c0ffee123456", "host"));
    }
}
