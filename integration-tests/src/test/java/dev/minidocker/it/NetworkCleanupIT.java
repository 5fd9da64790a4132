package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twenty containers started at once on one network, each with an address of its own and reachable,
 * then ended three ways: {@code rm -f}, their monitors SIGKILLed, and a reboot as far as a test can
 * play one (every process of theirs killed at once, nothing of minidocker's told). Each time the
 * next command leaves no veth on the bridge, and no lease, endpoint or iptables rule of theirs
 * (portmap's static CNI-HOSTPORT-* chains, shared by every container, stay, as that plugin leaves
 * them); the network's own masquerading rule goes with the network.
 */
class NetworkCleanupIT extends RunTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNT = 20;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void twentyAtOnceGetTwentyAddressesAndRmLeavesNothing() {
        List<String> ids = startTwenty("many");
        minidocker.run(withIds(List.of("rm", "-f"), ids)).assertSuccess();
        assertNothingLeft("many", ids);
    }

    @Test
    void twentyWhoseMonitorsAreKilledAreReleasedByTheNextCommand() {
        List<String> ids = startTwenty("orphans");
        for (String id : ids) {
            kill(state(id).path("monitorPid").asLong());
        }
        minidocker.run("ps").assertSuccess();
        for (String id : ids) {
            assertEquals("exited", state(id).path("status").asText(), id);
        }
        assertNothingLeft("orphans", ids);
        minidocker.run(withIds(List.of("rm"), ids)).assertSuccess();
    }

    @Test
    void afterARebootTheNextCommandReleasesWhatTheStoreStillRecords() {
        List<String> ids = startTwenty("rebooted");
        // A reboot: every process of the containers and their monitors gone at once, the veths with
        // their namespaces; the store and the port rules (which a real reboot would take too) stay.
        for (String id : ids) {
            kill(state(id).path("monitorPid").asLong());
            for (long pid : ContainerTraces.cgroupPids(id)) {
                kill(pid);
            }
        }
        minidocker.run("ps", "-a").assertSuccess();
        assertNothingLeft("rebooted", ids);
        minidocker.run(withIds(List.of("rm"), ids)).assertSuccess();
    }

    /** Twenty busybox httpd containers on a new network, started at once; each answers on its own address. */
    private List<String> startTwenty(String network) {
        pull(IMAGES.busybox());
        minidocker.run("network", "create", network).assertSuccess();
        List<StartedMinidocker> runs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < COUNT; i++) {
                runs.add(StartedMinidocker.start(minidocker, "run", "-d", "--network", network, "-p", "80",
                        IMAGES.busybox(), "httpd", "-f", "-p", "80", "-h", "/etc"));
            }
            List<CommandResult> results = runs.stream().map(run -> run.await(TIMEOUT)).toList();
            assertAll(results.stream().map(result -> () -> result.assertSuccess()));
            results.forEach(r -> ids.add(r.lastStdoutLine()));
        } finally {
            runs.forEach(StartedMinidocker::close);
        }
        Set<String> addresses = new HashSet<>();
        for (String id : ids) {
            String address = inspect(id).path("NetworkSettings").path("Networks").path(network).path("IPAddress")
                    .asText();
            addresses.add(address);
            assertEquals(id.substring(0, 12) + "\n", HostSide.awaitGet(address, 80, "/hostname"), id);
        }
        assertEquals(COUNT, addresses.size(), addresses.toString());
        return ids;
    }

    /** No veth on the network's bridge, no lease, endpoint or rule of the containers; the network removed with its rule. */
    private void assertNothingLeft(String network, List<String> ids) {
        String bridge = networkRecord(network).path("Options").path("com.docker.network.bridge.name").asText();
        Eventually.until(() -> !HostCommand.check("ip", "-o", "link").stdout().contains("master " + bridge + " "),
                Duration.ofSeconds(30), () -> false, () -> "veths left on " + bridge + ":\n"
                        + HostCommand.check("ip", "-o", "link").stdout());
        assertEquals(List.of(), StoreNetworks.traces(minidocker.root(), Set.copyOf(ids)));
        String id = networkRecord(network).path("Id").asText();
        assertTrue(HostCommand.check("iptables", "-w", "-t", "nat", "-S").stdout()
                .contains("minidocker network " + id.substring(0, 12)), "the network's own rule, while it exists");
        minidocker.run("network", "rm", network).assertSuccess();
        assertTrue(!HostCommand.check("iptables", "-w", "-t", "nat", "-S").stdout()
                .contains("minidocker network " + id.substring(0, 12)), "the network's rule, gone with it");
    }

    private JsonNode networkRecord(String name) {
        try {
            return JSON.readTree(minidocker.run("network", "inspect", name).assertSuccess().stdout()).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode state(String id) {
        return new ContainerFiles(minidocker, id).state();
    }

    private static String[] withIds(List<String> command, List<String> ids) {
        List<String> line = new ArrayList<>(command);
        line.addAll(ids);
        return line.toArray(String[]::new);
    }

    private static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
