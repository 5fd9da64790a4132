package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {
    private static final HostsFile.Entry SELF = new HostsFile.Entry("172.18.0.2", List.of("c0ffee123456", "web"));
    private static final HostsFile.Entry PEER = new HostsFile.Entry("172.18.0.3", List.of("db", "database", "fa11ed123456"));

    @Test
    void theBaseIsDockersLocalhostLinesAndTheAddedHosts() throws Exception {
        String hosts = HostsFile.base(List.of(ExtraHost.parse("registry:10.0.0.5", "172.17.0.1"),
                ExtraHost.parse("host.docker.internal:host-gateway", "172.17.0.1")));
        assertTrue(hosts.startsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"));
        assertTrue(hosts.endsWith("ff02::2\tip6-allrouters\n10.0.0.5\tregistry\n172.17.0.1\thost.docker.internal\n"));
    }

    @Test
    void theBlockIsAppendedThenReplacedAndWhatCameBeforeItKept() {
        String base = "127.0.0.1\tlocalhost\n10.0.0.5\tregistry\n";
        String once = HostsFile.withEntries(base, List.of(SELF));
        assertEquals(base + HostsFile.MARK + "\n172.18.0.2\tc0ffee123456 web\n", once);
        String twice = HostsFile.withEntries(once, List.of(SELF, PEER));
        assertEquals(base + HostsFile.MARK + "\n172.18.0.2\tc0ffee123456 web\n172.18.0.3\tdb database fa11ed123456\n",
                twice);
        assertEquals(base, HostsFile.withEntries(twice, List.of()));
    }

    @Test
    void aFileWithoutAFinalNewlineGetsOne() {
        assertEquals("127.0.0.1\tlocalhost\n" + HostsFile.MARK + "\n" + SELF + "\n",
                HostsFile.withEntries("127.0.0.1\tlocalhost", List.of(SELF)));
    }

    @Test
    void rewriteKeepsTheInodeTheContainerHasMounted(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, HostsFile.base(List.of()));
        Object inode = Files.getAttribute(hosts, "unix:ino");
        HostsFile.rewrite(hosts, List.of(SELF, PEER));
        assertTrue(Files.readString(hosts).endsWith(PEER + "\n"));
        HostsFile.rewrite(hosts, List.of(SELF));
        assertEquals(HostsFile.base(List.of()) + HostsFile.MARK + "\n" + SELF + "\n", Files.readString(hosts));
        assertEquals(inode, Files.getAttribute(hosts, "unix:ino"));
    }

    @Test
    void aRemovedContainersFileIsNotMadeAgain(@TempDir Path dir) throws Exception {
        HostsFile.rewrite(dir.resolve("gone"), List.of(SELF));
        assertFalse(Files.exists(dir.resolve("gone")));
    }

    @Test
    void addHostsFormatsAndMessages() throws Exception {
        assertEquals(new ExtraHost("db", "10.0.0.9"), ExtraHost.parse("db=10.0.0.9", "172.17.0.1"));
        assertEquals(new ExtraHost("v6", "2001:db8::1"), ExtraHost.parse("v6:2001:db8::1", "172.17.0.1"));
        assertEquals(new ExtraHost("v6", "::1"), ExtraHost.parse("v6:[::1]", "172.17.0.1"));
        assertEquals("bad format for add-host: \"db\"",
                assertThrows(LaunchException.class, () -> ExtraHost.parse("db", "")).getMessage());
        assertEquals("invalid IP address in add-host: \"10.0.0\"",
                assertThrows(LaunchException.class, () -> ExtraHost.parse("db:10.0.0", "")).getMessage());
        assertEquals("invalid IP address in add-host: \"example.com\"",
                assertThrows(LaunchException.class, () -> ExtraHost.parse("db:example.com", "")).getMessage());
    }
}
