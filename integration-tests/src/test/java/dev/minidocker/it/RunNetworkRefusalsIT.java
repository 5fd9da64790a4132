package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad networking input of {@code run}, one case each: one line in Docker's words, exit status
 * 125, and nothing made: no container, and (checked after each test, see {@link ContainerTraces})
 * no endpoint, lease, veth or iptables rule.
 */
class RunNetworkRefusalsIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    /** The image is there already, so that a run's stderr is its refusal alone. */
    @BeforeEach
    void pullTheImage() {
        pull(IMAGES.busybox());
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of(List.of("--network", "nope"), "network nope not found"),
                Arguments.of(List.of("-p", "80:http"), "invalid containerPort: http"),
                Arguments.of(List.of("-p", "65536:80"), "invalid hostPort: 65536"),
                Arguments.of(List.of("-p", "8080:80/icmp"), "invalid proto: icmp"),
                Arguments.of(List.of("-p", "8000-8002:80-81"),
                        "invalid ranges specified for container and host Ports: 80-81 and 8000-8002"),
                Arguments.of(List.of("--ip", "172.17.0.9"),
                        "user specified IP address is supported on user defined networks only"),
                Arguments.of(List.of("--ip", "10.1.2"), "invalid IPv4 address: 10.1.2"),
                Arguments.of(List.of("--network-alias", "web"),
                        "network-scoped alias is supported only for containers in user defined networks"),
                Arguments.of(List.of("--dns", "resolver"),
                        "invalid argument \"resolver\" for \"--dns\" flag: resolver is not an ip address"),
                Arguments.of(List.of("--add-host", "db"), "bad format for add-host: \"db\""),
                Arguments.of(List.of("--add-host", "db:10.0.0.300"), "invalid IP address in add-host: \"10.0.0.300\""),
                Arguments.of(List.of("--network", "container:"),
                        "Invalid network mode: invalid container format container:<name|id>"),
                Arguments.of(List.of("--network", "container:nobody"), "No such container: nobody"));
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void aBadFlagIsOneLineAndMakesNothing(List<String> flags, String line) {
        refused(flags, line);
    }

    @Test
    void anAddressOutsideTheSubnetOrOnANetworkWithoutOneIsRefused() {
        minidocker.run("network", "create", "--subnet", "10.213.78.0/24", "fixed").assertSuccess();
        minidocker.run("network", "create", "chosen").assertSuccess();
        refused(List.of("--network", "fixed", "--ip", "10.213.79.9"),
                "no configured subnet or ip-range contain the IP address 10.213.79.9");
        refused(List.of("--network", "chosen", "--ip", "10.213.78.9"),
                "user specified IP address is supported only when connecting to networks with user configured subnets");
        minidocker.run("network", "rm", "fixed", "chosen").assertSuccess();
    }

    @Test
    void aHostPortAHostProcessHoldsIsAllocatedAlready() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            refused(List.of("-p", taken.getLocalPort() + ":80"),
                    "Bind for 0.0.0.0:" + taken.getLocalPort() + " failed: port is already allocated");
        }
    }

    @Test
    void aHostPortAnotherContainerHasIsAllocatedAlready() {
        int port = HostSide.freePort();
        minidocker.run("run", "-d", "--name", "first", "-p", port + ":80", IMAGES.busybox(), "sleep", "1000")
                .assertSuccess();
        refused(List.of("-p", "127.0.0.1:" + port + ":80"),
                "Bind for 127.0.0.1:" + port + " failed: port is already allocated");
        minidocker.run("rm", "-f", "first").assertSuccess();
    }

    @Test
    void anotherContainersNamespaceComesWithItsOwnNamesAndNoPortsOfItsOwn() {
        minidocker.run("run", "-d", "--name", "host-of-it", IMAGES.busybox(), "sleep", "1000").assertSuccess();
        refused(List.of("--network", "container:host-of-it", "-p", "80"),
                "conflicting options: port publishing and the container type network mode");
        refused(List.of("--network", "container:host-of-it", "-h", "mine"),
                "conflicting options: hostname and the network mode");
        refused(List.of("--network", "container:host-of-it", "--dns", "10.0.0.1"),
                "conflicting options: dns and the network mode");
        minidocker.run("stop", "-t", "0", "host-of-it").assertSuccess();
        refused(List.of("--network", "container:host-of-it"),
                "cannot join network of a non running container: host-of-it");
        minidocker.run("rm", "host-of-it").assertSuccess();
    }

    @Test
    void aNameTakenIsRefusedBeforeAnyNetworkIsJoined() {
        minidocker.run("create", "--name", "taken", IMAGES.busybox()).assertSuccess();
        CommandResult again = minidocker.run("run", "--name", "taken", "-p", HostSide.freePort() + ":80",
                IMAGES.busybox(), "true");
        assertEquals(125, again.exitCode(), again::toString);
        assertEquals(1, again.stderrLines().size(), again::toString);
        assertEquals(1, containerRecords().size(), "the first container alone");
        minidocker.run("rm", "taken").assertSuccess();
    }

    @Test
    void aNetworkInUseIsNotRemoved() {
        String network = minidocker.run("network", "create", "busy").assertSuccess().lastStdoutLine();
        minidocker.run("run", "-d", "--name", "user", "--network", "busy", IMAGES.busybox(), "sleep", "1000")
                .assertSuccess();
        assertEquals("minidocker: error while removing network: network busy id " + network + " has active endpoints",
                minidocker.run("network", "rm", "busy").assertExit(1).stderr().strip());
        assertEquals(List.of(), minidocker.run("network", "prune", "-f").assertSuccess().stdoutLines(),
                "not pruned either");
        assertTrue(minidocker.run("network", "inspect", "-f", "{{json .Containers}}", "busy").assertSuccess().stdout()
                .contains("\"Name\":\"user\""));
        minidocker.run("rm", "-f", "user").assertSuccess();
        minidocker.run("network", "rm", "busy").assertSuccess();
    }

    /** {@code run FLAGS busybox true}: exit 125, {@code minidocker: LINE} alone, no new container. */
    private void refused(List<String> flags, String line) {
        int before = containerRecords().size();
        List<String> command = new ArrayList<>(List.of("run", "--rm"));
        command.addAll(flags);
        command.addAll(List.of(IMAGES.busybox(), "true"));
        CommandResult result = minidocker.run(command.toArray(String[]::new));
        assertEquals(125, result.exitCode(), result::toString);
        assertEquals(List.of("minidocker: " + line), result.stderrLines(), result::toString);
        assertEquals(before, containerRecords().size(), "no container made");
    }
}
