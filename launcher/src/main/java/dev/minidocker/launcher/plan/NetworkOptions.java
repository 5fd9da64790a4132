package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.launcher.network.PortBinding;
import java.util.List;

/**
 * How {@code run} and {@code create} were asked to network the container, as Docker's flags say it.
 *
 * @param mode {@code --network}: {@code bridge} (the default), a network's name or id, {@code none},
 *     {@code host}, or {@code container:NAME} (another container's network namespace)
 * @param publish {@code -p}, parsed
 * @param publishAll {@code -P}: every port the image exposes, each to a free host port
 * @param ip {@code --ip}, or null for the next free address
 * @param aliases {@code --network-alias}
 * @param addHosts {@code --add-host NAME:IP} as given ({@code host-gateway} is resolved when planned)
 */
public record NetworkOptions(String mode, List<PortBinding> publish, boolean publishAll, String ip,
        List<String> aliases, List<String> dns, List<String> dnsSearch, List<String> dnsOptions,
        List<String> addHosts) {
    public static final String NONE = "none";
    public static final String HOST = "host";
    private static final String CONTAINER = "container:";

    public NetworkOptions {
        mode = mode == null || mode.isEmpty() || mode.equals("default") ? NetworkRecord.DEFAULT : mode;
        publish = publish == null ? List.of() : List.copyOf(publish);
        ip = ip == null || ip.isEmpty() ? null : ip;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        addHosts = addHosts == null ? List.of() : List.copyOf(addHosts);
    }

    /** Docker's default: the {@code bridge} network, nothing else asked. */
    public static NetworkOptions bridge() {
        return of(NetworkRecord.DEFAULT);
    }

    /** {@code --network mode} alone. */
    public static NetworkOptions of(String mode) {
        return new NetworkOptions(mode, null, false, null, null, null, null, null, null);
    }

    public boolean host() {
        return isHost(mode);
    }

    public boolean none() {
        return mode.equals(NONE);
    }

    /** The container whose network namespace this one joins ({@code container:NAME}), or null. */
    public String joined() {
        return joined(mode);
    }

    /** Whether the container gets an address on a bridge network: neither none, host, nor another container's. */
    public boolean bridged() {
        return !none() && !host() && joined() == null;
    }

    public static boolean isHost(String mode) {
        return HOST.equals(mode);
    }

    /** The container named in a {@code container:NAME} mode, or null for another mode. */
    public static String joined(String mode) {
        return mode != null && mode.startsWith(CONTAINER) ? mode.substring(CONTAINER.length()) : null;
    }

    /** The mode that joins the container {@code id}, as Docker records it. */
    public static String joining(String id) {
        return CONTAINER + id;
    }
}
