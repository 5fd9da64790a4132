package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cp} on running and stopped containers, attack first: links in SRC and DEST that point at
 * the host's files, and {@code ..}, resolve inside the container's root.
 */
class CpIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @TempDir
    Path host;

    private String started(String script) {
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sh", "-c", script + " && echo ready && sleep 300")
                .assertSuccess().lastStdoutLine();
        awaitReady(id);
        return id;
    }

    @Test
    void linksInSourceAndDestinationNeverReachTheHost() throws IOException {
        Path planted = host.resolve("planted");
        String id = started("ln -s /etc/shadow /shadow && ln -s / /up && ln -s " + host + " /hostdir"
                + " && ln -s /proc/1/root/etc/passwd /magic");
        Files.writeString(planted, "planted\n");
        CommandResult followed = minidocker.run("cp", "-L", id + ":/shadow", host.resolve("shadow").toString());
        minidocker.run("cp", planted.toString(), id + ":/up/").assertSuccess();
        minidocker.run("cp", planted.toString(), id + ":/../../../../../dotdot").assertSuccess();
        CommandResult intoHostDir = minidocker.run("cp", planted.toString(), id + ":/hostdir/");
        minidocker.run("cp", id + ":/shadow", host.resolve("link").toString()).assertSuccess();
        // A /proc magic link jumps where the kernel says, not where the path leads: never followed.
        CommandResult magic = minidocker.run("cp", "-L", id + ":/magic", host.resolve("magic").toString());
        assertAll(
                () -> assertEquals(1, followed.exitCode(), followed::toString),
                () -> assertEquals("minidocker: Could not find the file /shadow in container "
                        + inspect(id).get("Name").asText().substring(1), followed.stderr().strip()),
                () -> assertFalse(Files.exists(host.resolve("shadow"))),
                () -> assertEquals(List.of("planted", "planted"),
                        minidocker.run("exec", id, "cat", "/planted", "/dotdot").assertSuccess().stdoutLines()),
                () -> assertFalse(Files.exists(Path.of("/planted")) || Files.exists(Path.of("/dotdot"))),
                () -> assertEquals(1, intoHostDir.exitCode(), intoHostDir::toString),
                () -> assertEquals(1, magic.exitCode(), magic::toString),
                () -> assertTrue(magic.stderr().contains("Too many levels of symbolic links"), magic::toString),
                () -> assertEquals(List.of("link", "planted"), Files.list(host).map(p -> p.getFileName().toString())
                        .sorted().toList()),
                () -> assertEquals(Path.of("/etc/shadow"), Files.readSymbolicLink(host.resolve("link"))));
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void filesAndDirectoriesGoBothWaysByDockersRules() throws IOException {
        String id = started("mkdir -p /d/sub && echo one > /d/sub/f && chown 1234:5678 /d/sub/f");
        Path owned = Files.writeString(host.resolve("owned"), "owned");
        Files.setAttribute(owned, "unix:uid", 4321);
        minidocker.run("cp", id + ":/d", host.toString()).assertSuccess();
        minidocker.run("cp", id + ":/d/.", host.resolve("contents").toString()).assertSuccess();
        minidocker.run("cp", owned.toString(), id + ":/tmp/root-owned").assertSuccess();
        minidocker.run("cp", "-a", owned.toString(), id + ":/tmp/").assertSuccess();
        CommandResult noDir = minidocker.run("cp", owned.toString(), id + ":/missing/");
        CommandResult between = minidocker.run("cp", id + ":/d", id + ":/e");
        assertAll(
                () -> assertEquals("one\n", Files.readString(host.resolve("d/sub/f"))),
                () -> assertEquals("one\n", Files.readString(host.resolve("contents/sub/f"))),
                () -> assertEquals(List.of("0:0", "4321:0"), minidocker.run("exec", id, "stat", "-c", "%u:%g",
                        "/tmp/root-owned", "/tmp/owned").assertSuccess().stdoutLines()),
                () -> assertEquals(1, noDir.exitCode(), noDir::toString),
                () -> assertEquals("minidocker: copying between containers is not supported", between.stderr().strip()));
        minidocker.run("rm", "-f", id).assertSuccess();
    }

    @Test
    void tarStreamsGoOutAndInOfAStoppedContainer() throws IOException {
        String id = started("mkdir /d && echo two > /d/f");
        minidocker.run("kill", id).assertSuccess();
        minidocker.run("wait", id);
        CommandResult listed = minidocker.pipe("minidocker", List.of("cp", id + ":/d", "-"), "tar tv").assertSuccess();
        Path dir = Files.createDirectories(host.resolve("in"));
        Files.writeString(dir.resolve("g"), "three");
        Path tar = host.resolve("in.tar");
        HostCommand.check("tar", "cf", tar.toString(), "--owner=7", "--group=8", "-C", dir.toString(), "g");
        minidocker.runWithInput(Files.readString(tar, StandardCharsets.ISO_8859_1), "cp", "-", id + ":/d")
                .assertSuccess();
        minidocker.run("cp", id + ":/d/g", host.resolve("g").toString()).assertSuccess();
        CommandResult notDir = minidocker.runWithInput("", "cp", "-", id + ":/d/f");
        assertAll(
                () -> assertTrue(listed.stdout().contains(" d/f"), listed::toString),
                () -> assertTrue(listed.stdout().contains(" d/"), listed::toString),
                () -> assertEquals("three", Files.readString(host.resolve("g"))),
                () -> assertEquals(1, notDir.exitCode(), notDir::toString),
                () -> assertTrue(notDir.stderr().contains("must be a directory"), notDir::toString),
                () -> assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(id)));
    }
}
