package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code network} commands as a Docker user types them: the predefined networks, user networks
 * created, listed, filtered, inspected, removed and pruned, and Docker's line for each refusal.
 * No container runs here (RunNetworkIT and RunNetworkRefusalsIT start them), so no bridge is made.
 */
class NetworkIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final Minidocker minidocker = new Minidocker();

    @Test
    void bridgeHostAndNoneAreThereFromTheStart() {
        List<String> lines = minidocker.run("network", "ls").assertSuccess().stdoutLines();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.getFirst().matches("NETWORK ID +NAME +DRIVER +SCOPE"), lines.getFirst());
        assertTrue(lines.get(1).matches("[0-9a-f]{12} +bridge +bridge +local"), lines.get(1));
        assertTrue(lines.get(2).matches("[0-9a-f]{12} +host +host +local"), lines.get(2));
        assertTrue(lines.get(3).matches("[0-9a-f]{12} +none +null +local"), lines.get(3));
        assertEquals(lines, minidocker.run("network", "list").assertSuccess().stdoutLines(), "made once");
    }

    @Test
    void aUserNetworkIsCreatedInspectedFilteredAndRemoved() throws Exception {
        String id = minidocker.run("network", "create", "--subnet", "10.213.60.0/24", "--gateway", "10.213.60.254",
                "--internal", "--label", "team=web", "backend").assertSuccess().lastStdoutLine();
        assertTrue(id.matches("[0-9a-f]{64}"), id);

        JsonNode n = JSON.readTree(minidocker.run("network", "inspect", "backend").assertSuccess().stdout()).get(0);
        assertEquals("backend", n.path("Name").asText());
        assertEquals(id, n.path("Id").asText());
        assertEquals("bridge", n.path("Driver").asText());
        assertEquals("local", n.path("Scope").asText());
        assertEquals("10.213.60.0/24", n.path("IPAM").path("Config").get(0).path("Subnet").asText());
        assertEquals("10.213.60.254", n.path("IPAM").path("Config").get(0).path("Gateway").asText());
        assertTrue(n.path("Internal").asBoolean());
        assertEquals("web", n.path("Labels").path("team").asText());
        assertEquals(0, n.path("Containers").size());
        assertEquals("mdbr-" + id.substring(0, 10), n.path("Options").path("com.docker.network.bridge.name").asText());
        assertEquals("backend bridge", minidocker.run("network", "inspect", "-f", "{{.Name}} {{.Driver}}",
                id.substring(0, 8)).assertSuccess().lastStdoutLine());

        String auto = minidocker.run("network", "create", "frontend").assertSuccess().lastStdoutLine();
        JsonNode chosen = JSON.readTree(minidocker.run("network", "inspect", "frontend").assertSuccess().stdout()).get(0);
        assertTrue(chosen.path("IPAM").path("Config").get(0).path("Subnet").asText().matches("(172|192\\.168)\\..*"));

        assertEquals(List.of(id.substring(0, 12)),
                minidocker.run("network", "ls", "-q", "--filter", "name=back").assertSuccess().stdoutLines());
        assertEquals(List.of(id.substring(0, 12)),
                minidocker.run("network", "ls", "-q", "-f", "label=team=web").assertSuccess().stdoutLines());
        assertEquals(List.of(id, auto), minidocker.run("network", "ls", "-q", "--no-trunc", "-f", "type=custom")
                .assertSuccess().stdoutLines());
        assertEquals(3, minidocker.run("network", "ls", "-q", "-f", "type=builtin").assertSuccess().stdoutLines().size());

        assertEquals(List.of("backend", "frontend"),
                minidocker.run("network", "rm", "backend", "frontend").assertSuccess().stdoutLines());
        assertEquals(3, minidocker.run("network", "ls", "-q").assertSuccess().stdoutLines().size());
        Path networks = minidocker.root().resolve("networks");
        assertFalse(Files.exists(networks.resolve("backend.conflist")));
        assertFalse(Files.exists(networks.resolve("backend.json")));
    }

    @Test
    void dockersLineForEachRefusalAndNothingMade() {
        minidocker.run("network", "create", "--subnet", "10.213.61.0/24", "taken").assertSuccess();
        refused("network with name taken already exists", "network", "create", "taken");
        refused("network with name host already exists", "network", "create", "host");
        refused("Pool overlaps with other one on this address space",
                "network", "create", "--subnet", "10.213.61.128/25", "other");
        refused("invalid CIDR address: 10.213.62.0/40", "network", "create", "--subnet", "10.213.62.0/40", "other");
        refused("no matching subnet for gateway 10.9.9.9",
                "network", "create", "--subnet", "10.213.62.0/24", "--gateway", "10.9.9.9", "other");
        refused("plugin \"overlay\" not found", "network", "create", "-d", "overlay", "other");
        refused("network nope not found", "network", "rm", "nope");
        refused("bridge is a pre-defined network and cannot be removed", "network", "rm", "bridge");
        CommandResult missing = minidocker.run("network", "inspect", "nope").assertExit(1);
        assertEquals("[ ]", missing.stdout().strip());
        assertEquals("minidocker: No such network: nope", missing.stderr().strip());
        assertEquals(4, minidocker.run("network", "ls", "-q").assertSuccess().stdoutLines().size());
    }

    @Test
    void theEndpointOfAContainerThatIsNotThereIsReleasedByTheNextCommand() throws Exception {
        String used = minidocker.run("network", "create", "used").assertSuccess().lastStdoutLine();
        minidocker.run("network", "create", "idle").assertSuccess();
        // A container on the network, as an attach records it before the plugins run, whose run died.
        Path endpoints = Files.createDirectories(minidocker.root().resolve("networks/endpoints"));
        String container = "c".repeat(64);
        Files.writeString(endpoints.resolve(used + "." + container + ".json"), """
                {"endpointId": "%s", "containerId": "%s", "containerName": "app", "hostname": "cccccccccccc",
                 "networkId": "%s", "networkName": "used", "ifname": "eth0", "aliases": [], "hostsFile": null,
                 "ports": [], "plugins": ["bridge"], "result": {}}
                """.formatted("e".repeat(64), container, used));

        assertEquals(0, JSON.readTree(minidocker.run("network", "inspect", "used").assertSuccess().stdout())
                .get(0).path("Containers").size(), "reconciled away before the command looked");
        assertEquals(List.of("Deleted Networks:", "idle", "used", ""),
                minidocker.run("network", "prune", "-f").assertSuccess().stdoutLines());
    }

    private void refused(String line, String... command) {
        CommandResult result = minidocker.run(command).assertExit(1);
        assertEquals("minidocker: " + line, result.stderr().strip(), result.toString());
    }
}
