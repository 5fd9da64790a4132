package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import java.util.LinkedHashMap;
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
        boolean internal, String created, Map<String, String> labels, boolean userSubnet) {
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

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("driver", driver);
        if (bridged()) {
            json.put("bridge", bridge);
            json.put("subnet", subnet.toString());
            json.put("gateway", gateway);
        }
        json.put("internal", internal);
        json.put("created", created);
        json.put("labels", new TreeMap<>(labels));
        json.put("userSubnet", userSubnet);
        return json;
    }

    static NetworkRecord fromJson(Map<String, Object> json) throws LaunchException {
        String subnet = Json.text(json, "subnet", null);
        Map<String, String> labels = new LinkedHashMap<>();
        Json.object(json.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return new NetworkRecord(Json.text(json, "id", ""), Json.text(json, "name", ""),
                Json.text(json, "driver", "bridge"), Json.text(json, "bridge", null),
                subnet == null ? null : Subnet.parse(subnet), Json.text(json, "gateway", null),
                Boolean.TRUE.equals(json.get("internal")), Json.text(json, "created", ""), labels,
                Boolean.TRUE.equals(json.get("userSubnet")));
    }
}
