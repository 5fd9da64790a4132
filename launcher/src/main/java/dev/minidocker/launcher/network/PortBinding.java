package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One port a container asks to publish, as {@code -p} and {@code -P} say it: the host address ({@code ""}
 * for all of them), the host ports it may take ({@code 0-0}: any free one; a range with one container
 * port: any free one in it), the container port and the protocol. {@code ports} allocates the host
 * port when the container starts.
 */
public record PortBinding(String hostIp, int hostPortLow, int hostPortHigh, int containerPort, String protocol) {
    /** Whether the host port is the engine's to choose (from the range, or from the ephemeral ports). */
    public boolean dynamic() {
        return hostPortLow != hostPortHigh || hostPortLow == 0;
    }

    /** Docker's key for the container side: {@code 80/tcp}. */
    public String containerKey() {
        return containerPort + "/" + protocol;
    }

    /** The host port as Docker's HostConfig.PortBindings keeps it: {@code ""}, {@code 8080} or {@code 8000-8010}. */
    public String hostPortText() {
        return hostPortLow == 0 ? "" : hostPortLow == hostPortHigh ? Integer.toString(hostPortLow)
                : hostPortLow + "-" + hostPortHigh;
    }

    /**
     * {@code -p [IP:][HOSTPORT:]CONTAINERPORT[/tcp|udp|sctp]}, each port a number or a range
     * ({@code 8000-8002:80-82} is three bindings; {@code 8000-8010:80} is one with a host range);
     * Docker's messages for what it refuses.
     */
    public static List<PortBinding> parse(String spec) throws LaunchException {
        String[] parts = spec.split(":", -1);
        if (parts.length > 3) {
            throw new LaunchException("invalid IP address: " + String.join(":", List.of(parts).subList(0, parts.length - 2))
                    + " (IPv6 publishing is not supported)");
        }
        String ip = parts.length == 3 ? parts[0] : "";
        String hostPorts = parts.length >= 2 ? parts[parts.length - 2] : "";
        String container = parts[parts.length - 1];
        String protocol = "tcp";
        int slash = container.indexOf('/');
        if (slash >= 0) {
            protocol = container.substring(slash + 1).toLowerCase();
            container = container.substring(0, slash);
        }
        if (container.isEmpty()) {
            throw new LaunchException("no port specified: " + spec + "<empty>");
        }
        if (!List.of("tcp", "udp", "sctp").contains(protocol)) {
            throw new LaunchException("invalid proto: " + protocol);
        }
        if (!ip.isEmpty() && !Subnet.isAddress(ip)) {
            throw new LaunchException("invalid IP address: " + ip);
        }
        int[] containerRange = range(container, "invalid containerPort: " + container);
        int[] hostRange = hostPorts.isEmpty() ? new int[] {0, 0} : range(hostPorts, "invalid hostPort: " + hostPorts);
        int count = containerRange[1] - containerRange[0] + 1;
        boolean hostIsRange = hostRange[1] != hostRange[0];
        if (!hostPorts.isEmpty() && hostRange[1] - hostRange[0] + 1 != count && count != 1) {
            throw new LaunchException("invalid ranges specified for container and host Ports: " + container
                    + " and " + hostPorts);
        }
        List<PortBinding> bindings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int low = hostRange[0] == 0 ? 0 : count == 1 ? hostRange[0] : hostRange[0] + i;
            int high = hostRange[0] == 0 ? 0 : count == 1 && hostIsRange ? hostRange[1] : low;
            bindings.add(new PortBinding(ip, low, high, containerRange[0] + i, protocol));
        }
        return bindings;
    }

    /** {@code -P}: each port the image EXPOSEs ({@code 80/tcp}, {@code 53/udp}, {@code 8000-8001}) to a free host port. */
    public static List<PortBinding> exposed(Collection<String> exposedPorts) throws LaunchException {
        List<PortBinding> bindings = new ArrayList<>();
        for (String port : exposedPorts) {
            bindings.addAll(parse(port));
        }
        return bindings;
    }

    /** {@code 80} or {@code 80-82}, each 1-65535 (Docker's parser also takes 0, which no kernel can bind). */
    private static int[] range(String text, String refusal) throws LaunchException {
        String[] ends = text.split("-", -1);
        if (ends.length > 2) {
            throw new LaunchException(refusal);
        }
        int low = number(ends[0], refusal);
        int high = ends.length == 2 ? number(ends[1], refusal) : low;
        if (high < low) {
            throw new LaunchException(refusal);
        }
        return new int[] {low, high};
    }

    private static int number(String text, String refusal) throws LaunchException {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 65535 || Integer.parseInt(text) == 0) {
            throw new LaunchException(refusal);
        }
        return Integer.parseInt(text);
    }
}
