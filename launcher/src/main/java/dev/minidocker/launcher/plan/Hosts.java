package dev.minidocker.launcher.plan;

/** The container's /etc/hosts, as Docker writes it. */
final class Hosts {
    private Hosts() {
    }

    static String content(String hostname, String network) {
        StringBuilder hosts = new StringBuilder("""
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                ff00::0\tip6-mcastprefix
                ff02::1\tip6-allnodes
                ff02::2\tip6-allrouters
                """);
        if (!"host".equals(network)) {
            hosts.append("127.0.0.1\t").append(hostname).append('\n');
        }
        return hosts.toString();
    }
}
