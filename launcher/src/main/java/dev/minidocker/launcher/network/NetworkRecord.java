package dev.minidocker.launcher.network;

import static java.util.Objects.requireNonNullElse;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network as {@code network ls} and {@code inspect} show it and {@code networks/NAME.json} keeps it.
 * Drivers are Docker's: {@code bridge} (a Linux bridge, {@code bridge} names its device), {@code host}
 * and {@code null} (the predefined {@code host} and {@code none}, which have no subnet).
 *
 * @param userSubnet whether {@code --subnet} gave the subnet: only then may containers ask for an
 *     address ({@code --ip}), as Docker rules, since a chosen subnet may differ on the next host
 */
public record NetworkRecord(String id, String name, String driver, String bridge, Subnet subnet, String gateway,
        boolean internal, String created, Map<String, String> labels, boolean userSubnet) implements JsonWritable {
    public static final String DEFAULT = "bridge";
    static final List<String> PREDEFINED = List.of(DEFAULT, "host", "none");

    public NetworkRecord {
        labels = Map.copyOf(labels);
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    /** {@code bridge}, {@code host} and {@code none}: there from the start, never removed. */
    public boolean predefined() {
        return PREDEFINED.contains(name);
    }

    /** Whether containers get an address on it (a bridge) rather than the host's or no network. */
    public boolean bridged() {
        return driver.equals("bridge");
    }

    /** Containers find each other by name on user-defined bridges, not on the default one (as Docker's). */
    public boolean resolvesNames() {
        return bridged() && !name.equals(DEFAULT);
    }

    /**
     * Docker's rules for {@code --ip} and {@code --network-alias} (null and empty: none asked): both on
     * user-defined bridges only, an address only on a subnet the user gave and inside it, since a
     * chosen subnet may differ on the next host.
     *
     * @param network the network, or null for none, the host's or another container's
     */
    public static void admit(NetworkRecord network, String ip, List<String> aliases) throws LaunchException {
        boolean userDefined = network != null && network.resolvesNames();
        if (ip != null && !userDefined) {
            throw new LaunchException("user specified IP address is supported on user defined networks only");
        }
        if (!aliases.isEmpty() && !userDefined) {
            throw new LaunchException("network-scoped alias is supported only for containers in user defined networks");
        }
        if (ip == null) {
            return;
        }
        if (!network.userSubnet()) {
            throw new LaunchException(
                    "user specified IP address is supported only when connecting to networks with user configured subnets");
        }
        if (!network.subnet().contains(ip)) {
            throw new LaunchException("no configured subnet or ip-range contain the IP address " + ip);
        }
    }

    @Override
    public JsonMembers toJson() {
        JsonMembers json = new JsonMembers().add("id", id).add("name", name).add("driver", driver);
        if (bridged()) {
            json.add("bridge", bridge).add("subnet", subnet.toString()).add("gateway", gateway);
        }
        return json.add("internal", internal).add("created", created).add("labels", new TreeMap<>(labels))
                .add("userSubnet", userSubnet);
    }

    static NetworkRecord fromJson(JsonObject json) throws JsonException, LaunchException {
        String subnet = json.string("subnet");
        Map<String, String> labels = json.stringMap("labels");
        return new NetworkRecord(requireNonNullElse(json.string("id"), ""), requireNonNullElse(json.string("name"), ""),
                requireNonNullElse(json.string("driver"), "bridge"), json.string("bridge"),
                subnet == null ? null : Subnet.parse(subnet), json.string("gateway"), json.bool("internal"),
                requireNonNullElse(json.string("created"), ""), labels == null ? Map.of() : labels,
                json.bool("userSubnet"));
    }
}
