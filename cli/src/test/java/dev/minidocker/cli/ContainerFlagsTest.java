package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.plan.NetworkOptions;
import dev.minidocker.launcher.plan.RunOptions;
import dev.minidocker.launcher.seccomp.SeccompOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerFlagsTest {
    /** The flags as picocli leaves them when none is given. */
    private static ContainerFlags none() {
        return new ContainerFlags();
    }

    /** Refused as Docker refuses what the engine cannot do: the message, and exit status 125. */
    private static void assertRefused(ContainerFlags flags, String message) {
        CliException e = assertThrows(CliException.class, () -> flags.toOptions(List.of()));
        assertEquals(message, e.getMessage());
        assertEquals(125, e.exitCode());
    }

    @Test
    void noFlagsRunTheImagesCommandOnTheDefaultBridge() throws CliException {
        RunOptions options = none().toOptions(List.of("echo", "hi"));
        assertEquals(List.of("echo", "hi"), options.command());
        assertNull(options.entrypoint());
        assertEquals(NetworkOptions.bridge(), options.network());
        assertFalse(options.noNewPrivileges());
        assertEquals(0, options.resources().memoryBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "host", "bridge", "container:web", "mynet"})
    void everyNetworkModeIsTakenTheNetworkItselfCheckedWhenPlanned(String network) throws CliException {
        ContainerFlags flags = none();
        flags.network = network;
        assertEquals(network, flags.toOptions(List.of()).network().mode());
    }

    @Test
    void theNetworkingFlagsAreParsedAsDockersCli() throws CliException {
        ContainerFlags flags = none();
        flags.network = "backend";
        flags.publish = List.of("8080:80", "127.0.0.1::53/udp", "9000-9001:90-91");
        flags.publishAll = true;
        flags.ip = "10.1.0.9";
        flags.aliases = List.of("web");
        flags.dns = List.of("10.0.0.2", "fd00::53");
        flags.dnsSearch = List.of("example.org");
        flags.dnsOptions = List.of("ndots:2");
        flags.addHosts = List.of("db:10.0.0.7", "gw:host-gateway");
        NetworkOptions n = flags.toOptions(List.of()).network();
        assertEquals(List.of("80/tcp", "53/udp", "90/tcp", "91/tcp"),
                n.publish().stream().map(p -> p.containerKey()).toList());
        assertEquals(List.of("8080", "", "9000", "9001"), n.publish().stream().map(p -> p.hostPortText()).toList());
        assertTrue(n.publishAll());
        assertEquals("10.1.0.9", n.ip());
        assertEquals(List.of("web"), n.aliases());
        assertEquals(List.of("10.0.0.2", "fd00::53"), n.dns());
        assertEquals(List.of("example.org"), n.dnsSearch());
        assertEquals(List.of("ndots:2"), n.dnsOptions());
        assertEquals(List.of("db:10.0.0.7", "gw:host-gateway"), n.addHosts());
    }

    @Test
    void badNetworkingFlagsAreRefusedWithDockersLine() {
        ContainerFlags flags = none();
        flags.publish = List.of("80:99999");
        assertRefused(flags, "invalid containerPort: 99999");
        flags.publish = List.of("8o:80");
        assertRefused(flags, "invalid hostPort: 8o");
        flags.publish = List.of("80/sctpx");
        assertRefused(flags, "invalid proto: sctpx");
        flags.publish = List.of();
        flags.dns = List.of("resolver");
        assertRefused(flags, "invalid argument \"resolver\" for \"--dns\" flag: resolver is not an ip address");
        flags.dns = List.of();
        flags.addHosts = List.of("nocolon");
        assertRefused(flags, "bad format for add-host: \"nocolon\"");
        flags.addHosts = List.of();
        flags.ip = "10.1.0";
        assertRefused(flags, "invalid IPv4 address: 10.1.0");
    }

    @Test
    void theHostUserNamespaceIsTheDefaultAndPrivateIsAccepted() throws CliException {
        ContainerFlags flags = none();
        assertFalse(flags.toOptions(List.of()).userns().isPrivate());
        flags.userns = "host";
        assertFalse(flags.toOptions(List.of()).userns().isPrivate());
        flags.userns = "private";
        assertTrue(flags.toOptions(List.of()).userns().isPrivate());
        assertEquals(List.of(), flags.toOptions(List.of()).userns().uidMap(), "the range is picked at create");
        flags.userns = "keep-id";
        assertRefused(flags, "--userns=keep-id is not supported: use host or private");
    }

    @Test
    void aUidmapImpliesAPrivateNamespaceAndIsTheGidmapTooUnlessGiven() throws CliException {
        ContainerFlags flags = none();
        flags.uidmaps = List.of("0:200000:1000", "1000:300000:1");
        var userns = flags.toOptions(List.of()).userns();
        assertTrue(userns.isPrivate());
        assertEquals(List.of("0:200000:1000", "1000:300000:1"), userns.uidMap().stream().map(Object::toString).toList());
        assertEquals(userns.uidMap(), userns.gidMap());
        flags.gidmaps = List.of("0:400000:10");
        assertEquals("[0:400000:10]", flags.toOptions(List.of()).userns().gidMap().toString());
    }

    @Test
    void badMapsAreRefusedWithOneLine() {
        ContainerFlags flags = none();
        flags.uidmaps = List.of("0:100000");
        assertRefused(flags, "invalid argument \"0:100000\" for \"--uidmap\" flag: want CONTAINER:HOST:SIZE");
        flags.uidmaps = List.of("0:-1:5");
        assertRefused(flags, "invalid argument \"0:-1:5\" for \"--uidmap\" flag: want CONTAINER:HOST:SIZE, "
                + "three unsigned numbers");
        flags.uidmaps = List.of("0:100000:0");
        assertRefused(flags, "invalid argument \"0:100000:0\" for \"--uidmap\" flag: the size must be at least 1 "
                + "and every id below 4294967295");
        flags.uidmaps = List.of("0:100000:10", "5:200000:10");
        assertRefused(flags, "invalid --uidmap mappings 0:100000:10 and 5:200000:10: they overlap inside the container");
        flags.uidmaps = List.of("1:100000:10");
        assertRefused(flags, "invalid --uidmap mappings [1:100000:10]: container uid 0 is not mapped "
                + "(the container's root must be)");
        flags.uidmaps = List.of("0:100000:10");
        flags.userns = "host";
        assertRefused(flags, "--userns=host cannot be combined with --uidmap or --gidmap");
        flags.userns = null;
        flags.uidmaps = List.of();
        flags.gidmaps = List.of("0:100000:10");
        assertRefused(flags, "--gidmap needs --uidmap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-new-privileges", "no-new-privileges:true", "no-new-privileges=true"})
    void noNewPrivilegesIsAccepted(String opt) throws CliException {
        ContainerFlags flags = none();
        flags.securityOpts = List.of(opt);
        assertTrue(flags.toOptions(List.of()).noNewPrivileges());
    }

    @ParameterizedTest
    @ValueSource(strings = {"seccomp=unconfined", "seccomp:unconfined", "seccomp=builtin"})
    void seccompIsRecordedAsDockerRecordsIt(String opt) throws CliException {
        ContainerFlags flags = none();
        flags.securityOpts = List.of(opt);
        assertEquals("seccomp=" + opt.substring(8), flags.toOptions(List.of()).seccomp().securityOpt());
    }

    @Test
    void withoutSeccompTheDefaultProfileIsPlanned() throws CliException {
        assertEquals(SeccompOption.DEFAULT, none().toOptions(List.of()).seccomp());
    }

    @Test
    void aSeccompProfileThatCannotBeReadIsRefused() {
        ContainerFlags flags = none();
        flags.securityOpts = List.of("seccomp=/nonexistent/profile.json");
        assertRefused(flags, "read seccomp profile /nonexistent/profile.json: no such file or directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apparmor=unconfined", "label=disable"})
    void otherSecurityOptionsAreRefused(String opt) {
        ContainerFlags flags = none();
        flags.securityOpts = List.of(opt);
        assertRefused(flags, "--security-opt " + opt + " is not supported: only no-new-privileges and"
                + " seccomp=unconfined|builtin|PROFILE.json");
    }

    @Test
    void memoryAndSwapInDockersUnits() throws CliException {
        ContainerFlags flags = none();
        flags.memory = "16m";
        flags.memorySwap = "1g";
        RunOptions options = flags.toOptions(List.of());
        assertEquals(16L << 20, options.resources().memoryBytes());
        assertEquals(1L << 30, options.resources().memorySwapBytes());
        flags.memorySwap = "-1";
        assertEquals(-1, flags.toOptions(List.of()).resources().memorySwapBytes());
    }

    @Test
    void limitsDockerRefusesAreRefusedWhenParsedNotWhenStarted() {
        ContainerFlags flags = none();
        flags.memory = "1k";
        assertRefused(flags, "Minimum memory limit allowed is 6MB");
        flags.memory = "16m";
        flags.memorySwap = "8m";
        assertRefused(flags, "Minimum memoryswap limit should be larger than memory limit, see usage");
    }

    @Test
    void theSwapDefaultsToTwiceTheMemoryAsDockerRecordsIt() throws CliException {
        ContainerFlags flags = none();
        flags.memory = "16m";
        assertEquals(32L << 20, flags.toOptions(List.of()).resources().memorySwapBytes());
    }

    @Test
    void anEmptyNameIsNone() throws CliException {
        ContainerFlags flags = none();
        flags.name = "";
        assertNull(flags.toOptions(List.of()).name());
    }

    @Test
    void aBadMemorySizeNamesTheFlag() {
        ContainerFlags flags = none();
        flags.memory = "lots";
        assertRefused(flags, "invalid argument \"lots\" for \"--memory\" flag: want a size such as 16m or 1g");
    }

    @Test
    void cpusBecomeNanoCpus() throws CliException {
        ContainerFlags flags = none();
        flags.cpus = 1.5;
        assertEquals(1_500_000_000L, flags.toOptions(List.of()).resources().nanoCpus());
    }

    @Test
    void anEntrypointIsOneWordAndEmptyClearsIt() throws CliException {
        ContainerFlags flags = none();
        flags.entrypoint = "/bin/sh";
        assertEquals(List.of("/bin/sh"), flags.toOptions(List.of()).entrypoint());
        flags.entrypoint = "";
        assertEquals(List.of(), flags.toOptions(List.of()).entrypoint());
    }

    @Test
    void envFilesComeBeforeEnvFlags(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.env"), "A=from-file\nB=2\n");
        ContainerFlags flags = none();
        flags.process.envFiles = List.of(file);
        flags.process.env = List.of("A=from-flag");
        assertEquals(List.of("A=from-file", "B=2", "A=from-flag"), flags.toOptions(List.of()).env());
    }

    @Test
    void theRestIsPassedOn() throws CliException {
        ContainerFlags flags = none();
        flags.name = "web";
        flags.process.workdir = "/app";
        flags.process.user = "1000:1000";
        flags.hostname = "box";
        flags.volumes = List.of("/a:/b:ro");
        flags.tmpfs = List.of("/t");
        flags.readOnly = true;
        flags.autoRemove = true;
        flags.process.tty = true;
        flags.process.interactive = true;
        flags.explain = true;
        RunOptions o = flags.toOptions(List.of());
        assertEquals(List.of("web", "/app", "1000:1000", "box"), List.of(o.name(), o.workdir(), o.user(), o.hostname()));
        assertEquals(List.of("/a:/b:ro"), o.binds());
        assertEquals(List.of("/t"), o.tmpfs());
        assertTrue(o.readOnly() && o.autoRemove() && o.tty() && o.interactive() && o.explain());
    }
}
