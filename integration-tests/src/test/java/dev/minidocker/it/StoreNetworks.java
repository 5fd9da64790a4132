package dev.minidocker.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a store's networks hold on the host, and how a test takes it back: every bridge network's
 * bridge and its masquerading rule stay while the network exists (the default {@code bridge} as
 * long as the store), as Docker's {@code docker0} does; the containers' leases, endpoints and port
 * rules go with each container.
 */
final class StoreNetworks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreNetworks() {
    }

    /** The store's bridges and masquerading rules, removed; a test's state directory goes next. */
    static void remove(Path root) {
        for (JsonNode network : networks(root)) {
            if (!network.path("bridge").isTextual()) {
                continue;
            }
            String bridge = network.path("bridge").asText();
            if (Files.exists(Path.of("/sys/class/net", bridge))) {
                HostCommand.check("ip", "link", "delete", bridge);
            }
            List<String> rule = new ArrayList<>(List.of("iptables", "-w", "-t", "nat", "-D", "POSTROUTING", "-s",
                    network.path("subnet").asText(), "!", "-o", bridge, "-m", "comment", "--comment",
                    "minidocker network " + network.path("id").asText().substring(0, 12), "-j", "MASQUERADE"));
            while (HostCommand.of(rule).run().succeeded()) {
                // Removed once; a second would be from attaches racing after a flush.
            }
        }
    }

    /** What the containers {@code ids} still hold of their networks: endpoints, leases, iptables rules. */
    static List<String> traces(Path root, Set<String> ids) {
        List<String> left = new ArrayList<>();
        for (Path file : files(root.resolve("networks/endpoints"))) {
            ids.stream().filter(id -> file.getFileName().toString().endsWith("." + id + ".json"))
                    .forEach(id -> left.add("endpoint " + file));
        }
        for (Path network : files(root.resolve("networks/ipam"))) {
            for (Path lease : files(network)) {
                String holder = read(lease);
                ids.stream().filter(holder::contains).forEach(id -> left.add("lease " + lease + " of " + id));
            }
        }
        String rules = HostCommand.check("iptables", "-w", "-t", "nat", "-S").stdout()
                + HostCommand.check("iptables", "-w", "-S").stdout();
        rules.lines().filter(rule -> ids.stream().anyMatch(rule::contains)).forEach(rule -> left.add("rule " + rule));
        return left;
    }

    private static List<JsonNode> networks(Path root) {
        List<JsonNode> networks = new ArrayList<>();
        for (Path file : files(root.resolve("networks"))) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json") && !name.equals("daemon.json")) {
                try {
                    networks.add(JSON.readTree(file.toFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return networks;
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
