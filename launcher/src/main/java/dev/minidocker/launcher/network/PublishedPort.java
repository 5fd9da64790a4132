package dev.minidocker.launcher.network;

/** A host port given to a container: {@code 0.0.0.0:8080->80/tcp} as Docker's {@code ps} and {@code port} print it. */
public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {
    /** The host address the rules match, {@code 0.0.0.0} for every address. */
    public String hostAddress() {
        return everyAddress(hostIp) ? "0.0.0.0" : hostIp;
    }

    /** Whether the two would take the same host port: one protocol, and one address or either on all. */
    boolean clashes(String otherIp, int otherPort, String otherProtocol) {
        return hostPort == otherPort && protocol.equals(otherProtocol)
                && (everyAddress(hostIp) || everyAddress(otherIp) || hostIp.equals(otherIp));
    }

    static boolean everyAddress(String ip) {
        return ip.isEmpty() || ip.equals("0.0.0.0");
    }

    @Override
    public String toString() {
        return hostAddress() + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }
}
