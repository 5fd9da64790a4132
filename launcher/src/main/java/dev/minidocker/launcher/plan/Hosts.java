package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.network.HostsFile;
import java.util.List;

/** The container's /etc/hosts, as Docker writes it. */
final class Hosts {
    private Hosts() {
    }

    static String content(String hostname, String network) {
        StringBuilder hosts = new StringBuilder(HostsFile.base(List.of()));
        if (!"host".equals(network)) {
            hosts.append("127.0.0.1\t").append(hostname).append('\n');
        }
        return hosts.toString();
    }
}
