package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import java.net.InetAddress;

/**
 * {@code --add-host NAME:IP} (or {@code NAME=IP}): a line of the container's /etc/hosts. The address
 * {@code host-gateway} is the host as containers reach it, the default bridge's gateway, as Docker
 * resolves it.
 */
public record ExtraHost(String name, String address) {
    public static final String HOST_GATEWAY = "host-gateway";

    /** Docker's format and messages; {@code hostGateway} is what {@code host-gateway} stands for. */
    public static ExtraHost parse(String flag, String hostGateway) throws LaunchException {
        int at = flag.indexOf('=') >= 0 ? flag.indexOf('=') : flag.indexOf(':');
        if (at <= 0 || at == flag.length() - 1) {
            throw new LaunchException("bad format for add-host: \"" + flag + "\"");
        }
        String name = flag.substring(0, at);
        String address = flag.substring(at + 1);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (address.equals(HOST_GATEWAY)) {
            return new ExtraHost(name, hostGateway);
        }
        if (!(address.contains(":") ? isIpv6(address) : Subnet.isAddress(address))) {
            throw new LaunchException("invalid IP address in add-host: \"" + address + "\"");
        }
        return new ExtraHost(name, address);
    }

    private static boolean isIpv6(String address) {
        try {
            return InetAddress.ofLiteral(address) instanceof java.net.Inet6Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
