package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.ExtraHost;
import dev.minidocker.launcher.network.HostsFile;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.launcher.network.Networks;
import dev.minidocker.launcher.network.PortBinding;
import dev.minidocker.launcher.network.ResolvConf;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A container's networking, planned from its options before anything is made: what its record keeps
 * (the mode, the ports, names and addresses asked for), its {@code /etc/hosts} and
 * {@code /etc/resolv.conf}, and whose files it shares when it joins another container. Every refusal
 * is Docker's, so a bad flag fails the command with 125 and leaves nothing.
 *
 * @param mode Docker's NetworkMode as recorded: {@code bridge}, a network as named, {@code none},
 *     {@code host}, or {@code container:ID} with the joined container's full id
 * @param hosts the container's own /etc/hosts; null when it shares the joined container's
 * @param resolvConf its own /etc/resolv.conf on a bridge network; null for the image's ({@code none}),
 *     the host's ({@code host}) or the joined container's
 * @param joined the container whose network namespace it joins, or null
 */
public record NetworkPlan(String mode, ContainerRecord.Networking networking, String hosts, String resolvConf,
        ContainerRecord joined) {

    /** The plan of {@code options} for a container named {@code hostname}, whose image exposes {@code exposed}. */
    static NetworkPlan of(NetworkOptions options, String hostname, boolean hostnameGiven, Collection<String> exposed,
            Networks networks, ContainerStore containers) throws LaunchException, StoreException {
        String joinedName = options.joined();
        if (joinedName != null) {
            return joining(options, joinedName, hostnameGiven, exposed, containers);
        }
        List<ExtraHost> extraHosts = extraHosts(options.addHosts(), networks);
        List<ContainerRecord.EndpointConfig> endpoints = List.of();
        String hosts;
        String resolvConf = null;
        if (options.bridged()) {
            NetworkRecord network = networks.find(options.mode());
            NetworkRecord.admit(network, options.ip(), options.aliases());
            endpoints = List.of(new ContainerRecord.EndpointConfig(options.mode(), options.ip(), options.aliases()));
            hosts = HostsFile.base(extraHosts);
            resolvConf = ResolvConf.content(hostResolvConf(), options.dns(), options.dnsSearch(), options.dnsOptions());
        } else {
            // Docker's rules for the predefined networks hold also when they are not named "bridge".
            NetworkRecord.admit(null, options.ip(), options.aliases());
            hosts = HostsFile.base(extraHosts) + (options.host() ? "" : "127.0.0.1\t" + hostname + "\n");
        }
        return new NetworkPlan(options.mode(), networking(options, exposed, endpoints), hosts, resolvConf, null);
    }

    /** Whether the container gets an address of its own on a bridge network. */
    public boolean bridged() {
        return !networking.networks().isEmpty();
    }

    public boolean host() {
        return NetworkOptions.isHost(mode);
    }

    /**
     * {@code --network container:NAME}: the other container's namespace, host name, hosts and
     * resolv.conf, so nothing of its own that would contradict them (Docker's conflicts).
     */
    private static NetworkPlan joining(NetworkOptions options, String name, boolean hostnameGiven,
            Collection<String> exposed, ContainerStore containers) throws LaunchException, StoreException {
        if (name.isEmpty()) {
            throw new LaunchException("Invalid network mode: invalid container format container:<name|id>");
        }
        if (hostnameGiven) {
            throw new LaunchException("conflicting options: hostname and the network mode");
        }
        if (!options.dns().isEmpty()) {
            throw new LaunchException("conflicting options: dns and the network mode");
        }
        if (!options.addHosts().isEmpty()) {
            throw new LaunchException("conflicting options: custom host-to-IP mapping and the network mode");
        }
        if (!options.publish().isEmpty() || options.publishAll()) {
            throw new LaunchException("conflicting options: port publishing and the container type network mode");
        }
        NetworkRecord.admit(null, options.ip(), options.aliases());
        ContainerRecord joined = containers.find(name)
                .orElseThrow(() -> new LaunchException("No such container: " + name));
        return new NetworkPlan(NetworkOptions.joining(joined.id()), networking(options, exposed, List.of()), null,
                null, joined);
    }

    private static ContainerRecord.Networking networking(NetworkOptions options, Collection<String> exposed,
            List<ContainerRecord.EndpointConfig> endpoints) {
        List<ContainerRecord.PortBinding> bindings = new ArrayList<>();
        for (PortBinding p : options.publish()) {
            bindings.add(new ContainerRecord.PortBinding(p.containerKey(), p.hostIp(), p.hostPortText()));
        }
        return new ContainerRecord.Networking(bindings, options.publishAll(), List.copyOf(exposed), options.dns(),
                options.dnsSearch(), options.dnsOptions(), options.addHosts(), endpoints);
    }

    private static List<ExtraHost> extraHosts(List<String> flags, Networks networks) throws LaunchException {
        List<ExtraHost> hosts = new ArrayList<>();
        String gateway = null;
        for (String flag : flags) {
            if (gateway == null && flag.endsWith(ExtraHost.HOST_GATEWAY)) {
                gateway = networks.hostGateway();
            }
            hosts.add(ExtraHost.parse(flag, gateway));
        }
        return hosts;
    }

    private static String hostResolvConf() throws LaunchException {
        try {
            return ResolvConf.readHost();
        } catch (IOException e) {
            throw new LaunchException("read the host's /etc/resolv.conf: " + e.getMessage(), e);
        }
    }
}
