package dev.minidocker.launcher.plan;

import dev.minidocker.store.container.ContainerRecord;
import java.util.List;

/** The network plan of a test's options, as the planner makes it, without a store to read the networks from. */
public final class NetworkPlans {
    /** What a bridge network's resolv.conf holds in these plans. */
    public static final String RESOLV_CONF = "nameserver 192.0.2.53\n";

    private NetworkPlans() {
    }

    public static NetworkPlan of(RunOptions options) {
        NetworkOptions n = options.network();
        List<ContainerRecord.EndpointConfig> endpoints = n.bridged()
                ? List.of(new ContainerRecord.EndpointConfig(n.mode(), n.ip(), n.aliases())) : List.of();
        return new NetworkPlan(n.mode(), new ContainerRecord.Networking(null, false, null, n.dns(), n.dnsSearch(),
                n.dnsOptions(), n.addHosts(), endpoints), "127.0.0.1\tlocalhost\n", n.bridged() ? RESOLV_CONF : null,
                null);
    }
}
