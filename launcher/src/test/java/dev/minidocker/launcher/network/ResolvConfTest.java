package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvConfTest {
    private static final String HOST = """
            # managed by someone
            nameserver 127.0.0.53
            nameserver 10.255.255.53 # the site's
            nameserver ::1
            nameserver 2001:db8::53
            search example.com corp.example
            options ndots:2 timeout:1
            """;

    @Test
    void theHostsServersLessLoopbackAndIpv6() {
        assertEquals("""
                nameserver 10.255.255.53
                search example.com corp.example
                options ndots:2 timeout:1
                """, ResolvConf.content(HOST, List.of(), List.of(), List.of()));
    }

    @Test
    void googlesWhenNoServerIsLeft() {
        assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n",
                ResolvConf.content("nameserver 127.0.0.1\nnameserver 127.0.0.53\n", List.of(), List.of(), List.of()));
        assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", ResolvConf.content("", List.of(), List.of(), List.of()));
    }

    @Test
    void optionsReplaceTheHostsParts() {
        assertEquals("""
                nameserver 1.1.1.1
                nameserver 9.9.9.9
                search svc.local
                options ndots:5
                """, ResolvConf.content(HOST, List.of("1.1.1.1", "9.9.9.9"), List.of("svc.local"), List.of("ndots:5")));
    }

    @Test
    void aDotSearchMeansNone() {
        assertEquals("nameserver 10.255.255.53\noptions ndots:2 timeout:1\n",
                ResolvConf.content(HOST, List.of(), List.of("."), List.of()));
    }

    @Test
    void aDomainLineIsTheSearchList() {
        assertEquals("nameserver 10.0.0.2\nsearch lab.example\n",
                ResolvConf.content("domain lab.example\nnameserver 10.0.0.2\n", List.of(), List.of(), List.of()));
    }
}
