package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.it.OciLayout.Compression;
import dev.minidocker.it.OciLayout.Platform;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volumes as a Docker user has them: {@code volume} commands, {@code -v NAME:/path} seeded from the
 * image, anonymous volumes from {@code -v /path} and the image's VOLUME, {@code -v ./dir},
 * {@code --mount}, {@code --volumes-from}, {@code rm -v}, {@code system df} and {@code prune}.
 */
class VolumesIT extends RunTestBase {
    private static final String IMAGE = "volumes";
    private static LayoutRegistry images;

    /**
     * busybox with {@code /data} (1000:50, 0750, a file {@code seed}, {@code gone} deleted by a
     * whiteout of the top layer, a link to /etc/passwd) declared a VOLUME, {@code /escape}, a link
     * that climbs above the root towards {@code /etc}, and {@code /loop}, a link to itself.
     */
    @BeforeAll
    static void pushImage() {
        images = new LayoutRegistry("volume-images");
        OciLayout layout = images.layout();
        byte[] data = new LayerTar().dir("data", 0750, 1000, 50)
                .file("data/seed", 0640, 1000, 50, "seeded\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .file("data/gone", 0644, "deleted above\n")
                .symlink("data/link", "/etc/passwd")
                .dir("etc", 0755).file("etc/passwd", 0644, "root:x:0:0:image root:/root:/bin/sh\n")
                .symlink("escape", "../../../../../../etc")
                .symlink("loop", "loop")
                .bytes();
        byte[] top = new LayerTar().dir("data", 0750, 1000, 50).whiteout("data/gone").bytes();
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putArray("Env").add("PATH=" + RunImages.DEFAULT_PATH);
        config.putArray("Cmd").add("sh");
        config.putObject("Volumes").putObject("/data");
        layout.tag(IMAGE, layout.image(Platform.AMD64, Compression.GZIP, List.of(TestImages.busybox(), data, top),
                config));
        images.push(IMAGE);
    }

    @AfterAll
    static void removeImages() {
        images.close();
    }

    private String image() {
        String reference = images.reference(IMAGE);
        pull(reference);
        return reference;
    }

    private Path data(String volume) {
        return minidocker.root().resolve("volumes").resolve(volume).resolve("_data");
    }

    private List<String> volumes() {
        return minidocker.run("volume", "ls", "-q").assertSuccess().stdoutLines();
    }

    @Test
    void aNamedVolumeIsMadeOnFirstUseSeededFromTheImageOnceAndKeptAcrossContainers() throws Exception {
        String image = image();
        CommandResult first = minidocker.run("run", "--rm", "-v", "store:/data", image, "sh", "-c",
                "ls /data; cat /data/seed; echo kept > /data/new").assertSuccess();
        assertEquals(List.of("link", "seed", "seeded"), first.stdoutLines(), "the whiteout's file is not copied");
        Path data = data("store");
        assertEquals(1000, Files.getAttribute(data, "unix:uid"), "the image directory's owner");
        assertEquals(0750, (Integer) Files.getAttribute(data, "unix:mode") & 07777);
        assertEquals(0640, (Integer) Files.getAttribute(data.resolve("seed"), "unix:mode") & 07777);
        assertTrue(Files.isSymbolicLink(data.resolve("link")), "a link is copied, not followed");
        assertEquals(List.of("store"), volumes(), "no anonymous volume where -v mounts");

        Files.delete(data.resolve("seed"));
        CommandResult second = minidocker.run("run", "--rm", "-v", "store:/data:ro", image, "sh", "-c",
                "ls /data; touch /data/x").assertExit(1);
        assertEquals(List.of("link", "new"), second.stdoutLines(), "a volume with files is not seeded again");
        assertTrue(second.stderr().contains("Read-only file system"), second.toString());
    }

    @Test
    void aUserNamespacedContainersVolumeIsSeededWithItsIdsAndWritable() throws Exception {
        String image = image();
        // The mapped root passes through the test's directory (0700) as through /var/lib.
        Path state = minidocker.root().getParent();
        Files.setAttribute(state, "unix:mode", (Integer) Files.getAttribute(state, "unix:mode") | 0001);
        CommandResult run = minidocker.run("run", "--rm", "--userns=private", "-v", "mapped:/data", "-v", "/fresh",
                image, "sh", "-c", "stat -c '%u:%g' /data /data/seed; touch /data/mine /fresh/mine && echo wrote")
                .assertSuccess();
        assertEquals(List.of("1000:50", "1000:50", "wrote"), run.stdoutLines(), "the image's ids, inside");
        int hostUid = (Integer) Files.getAttribute(data("mapped"), "unix:uid");
        assertTrue(hostUid > 1000, "owned by the mapped uid on the host, not by the host's uid 1000: " + hostUid);
        assertEquals(hostUid - 1000, Files.getAttribute(data("mapped").resolve("mine"), "unix:uid"),
                "what the container's root writes is its mapped root's");
    }

    @Test
    void aVolumeInUseIsNotRemovedAndVolumeCommandsAreDockers() {
        String image = image();
        assertEquals("cache", minidocker.run("volume", "create", "--label", "tier=fast", "cache").assertSuccess()
                .stdout().strip());
        minidocker.run("volume", "create", "other").assertSuccess();
        assertEquals(List.of("DRIVER    VOLUME NAME", "local     cache", "local     other"),
                minidocker.run("volume", "ls").assertSuccess().stdoutLines());
        assertEquals(List.of("cache local"), minidocker.run("volume", "ls", "--filter", "label=tier=fast", "--format",
                "{{.Name}} {{.Driver}}").assertSuccess().stdoutLines());
        assertEquals(data("cache").toString(), minidocker.run("volume", "inspect", "-f", "{{.Mountpoint}}", "cache")
                .assertSuccess().stdout().strip());
        String id = minidocker.run("create", "-v", "cache:/c", image, "true").assertSuccess().lastStdoutLine();
        assertEquals(List.of("other"), minidocker.run("volume", "ls", "-q", "-f", "dangling=true").assertSuccess()
                .stdoutLines().stream().filter(n -> n.length() < 64).toList());

        CommandResult inUse = minidocker.run("volume", "rm", "cache").assertExit(1);
        assertEquals("minidocker: remove cache: volume is in use - [" + id + "]", inUse.stderr().strip());
        assertEquals("minidocker: get nope: no such volume",
                minidocker.run("volume", "rm", "nope").assertExit(1).stderr().strip());
        minidocker.run("volume", "rm", "-f", "nope").assertSuccess();
        assertTrue(minidocker.run("volume", "inspect", "nope").assertExit(1).stderr().contains("No such volume: nope"));

        minidocker.run("rm", id).assertSuccess();
        assertEquals(List.of("cache"), minidocker.run("volume", "rm", "cache").assertSuccess().stdoutLines());
        assertFalse(Files.exists(data("cache").getParent()));
    }

    @Test
    void anonymousVolumesComeFromTheImageAndFromDashVAndGoWithRmVAndDashDashRm() throws Exception {
        String image = image();
        String id = minidocker.run("create", "-v", "/scratch", image, "true").assertSuccess().lastStdoutLine();
        JsonNode mounts = inspect(id).get("Mounts");
        assertEquals(2, mounts.size(), mounts.toString());
        for (JsonNode m : mounts) {
            assertEquals("volume", m.get("Type").asText());
            assertTrue(m.get("Name").asText().matches("[0-9a-f]{64}"), m.toString());
        }
        String fromImage = mounts.get(1).get("Destination").asText().equals("/data") ? mounts.get(1).get("Name")
                .asText() : mounts.get(0).get("Name").asText();
        assertTrue(Files.exists(data(fromImage).resolve("seed")), "the image's VOLUME is seeded");
        assertEquals(2, volumes().size());
        minidocker.run("rm", "-v", id).assertSuccess();
        assertEquals(List.of(), volumes());

        minidocker.run("run", "--rm", "-v", "/scratch", image, "true").assertSuccess();
        assertEquals(List.of(), volumes(), "--rm takes the anonymous volumes with the container");

        String kept = minidocker.run("create", image, "true").assertSuccess().lastStdoutLine();
        minidocker.run("rm", kept).assertSuccess();
        assertEquals(1, volumes().size(), "rm without -v keeps them");
        minidocker.run("volume", "create", "named").assertSuccess();
        minidocker.run("volume", "create", "--label", "keep", "kept").assertSuccess();
        minidocker.run("volume", "prune", "-f", "-a", "--filter", "label!=keep", "--filter", "label=none")
                .assertSuccess();
        assertEquals(3, volumes().size(), "no volume has the label none");
        List<String> pruned = minidocker.run("volume", "prune", "-f").assertSuccess().stdoutLines();
        assertEquals("Deleted Volumes:", pruned.getFirst());
        assertEquals(List.of("kept", "named"), volumes(), "prune takes anonymous volumes only, as Docker 23's");
        minidocker.run("volume", "prune", "-f", "--filter", "all=true", "--filter", "label!=keep").assertSuccess();
        assertEquals(List.of("kept"), volumes());
    }

    @Test
    void bindsFromRelativePathsMountsAndVolumesFrom() throws Exception {
        String image = image();
        Path project = Files.createDirectories(minidocker.scratch().resolve("project/src"));
        Files.writeString(project.resolve("f"), "relative\n");
        assertEquals(List.of("relative", "relative"), minidocker.runIn(project.getParent(), "run", "--rm", "-v",
                "./src:/r", "-v", ".:/p:ro", image, "cat", "/r/f", "/p/src/f").assertSuccess().stdoutLines());
        Path missing = minidocker.scratch().resolve("made/by/run");
        minidocker.run("run", "--rm", "-v", missing + ":/m", image, "true").assertSuccess();
        assertTrue(Files.isDirectory(missing), "-v makes a missing host directory");

        CommandResult mounted = minidocker.run("run", "--rm", "--mount", "type=bind,src=" + project + ",dst=/b,readonly",
                "--mount", "type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1770", "--mount", "src=shared,target=/s",
                image, "sh", "-c", "cat /b/f; grep ' /t ' /proc/mounts; ls /s; touch /s/mark /b/x").assertExit(1);
        assertEquals("relative", mounted.stdoutLines().get(0));
        assertTrue(mounted.stdoutLines().get(1).contains("size=1024k,mode=1770"), mounted.toString());
        assertTrue(mounted.stderr().contains("Read-only file system"), mounted.toString());
        assertTrue(Files.exists(data("shared").resolve("mark")));

        CommandResult noSource = minidocker.run("run", "--rm", "--mount", "type=bind,src=/no/such/dir,dst=/b",
                "-v", "never:/n", image, "true").assertExit(125);
        assertEquals("minidocker: invalid argument \"type=bind,src=/no/such/dir,dst=/b\" for \"--mount\" flag:"
                + " invalid mount config for type \"bind\": bind source path does not exist: /no/such/dir",
                noSource.stderr().strip());
        assertFalse(volumes().contains("never"), "nothing made for a run that is refused");

        minidocker.run("create", "--name", "holder", "-v", "shared:/s", "--mount", "type=bind,src=" + project
                + ",dst=/b", image, "true").assertSuccess();
        CommandResult from = minidocker.run("run", "--rm", "--volumes-from", "holder:ro", image, "sh", "-c",
                "cat /b/f; ls /s; touch /s/y").assertExit(1);
        assertEquals(List.of("relative", "mark"), from.stdoutLines());
        assertTrue(from.stderr().contains("Read-only file system"), from.toString());
        minidocker.run("rm", "-v", "holder").assertSuccess();
        assertTrue(volumes().contains("shared"), "rm -v keeps named volumes");
    }

    @Test
    void hostileNamesAndLinksReachNothingOutsideTheStoreOrTheImage() throws Exception {
        String image = image();
        for (String name : List.of("../../etc", "a/b", "..")) {
            CommandResult refused = minidocker.run("volume", "create", name).assertExit(1);
            assertTrue(refused.stderr().contains("includes invalid characters for a local volume name"),
                    refused.toString());
        }
        CommandResult run = minidocker.run("run", "--rm", "-v", "../x:/x", image, "true").assertExit(125);
        assertTrue(run.stderr().contains("\"../x\" includes invalid characters"), run.toString());
        assertEquals(List.of(), volumes());

        minidocker.run("run", "--rm", "-v", "escaped:/escape", image, "true").assertSuccess();
        Path data = data("escaped");
        assertEquals("root:x:0:0:image root:/root:/bin/sh\n", Files.readString(data.resolve("passwd")),
                "the link was followed inside the image, to its /etc");
        assertFalse(Files.exists(data.resolve("hostname"), LinkOption.NOFOLLOW_LINKS), "nothing of the host's /etc");

        CommandResult loop = minidocker.run("run", "--rm", "-v", "looped:/loop", image, "true").assertExit(125);
        assertTrue(loop.stderr().contains("copy the image's /loop into volume looped: resolve /loop in the image: too"
                + " many levels of symbolic links"), loop.toString());
        assertEquals(List.of("escaped"), volumes(), "the volume the failed run made is gone with its container");
        assertEquals(List.of(), containerRecords());
    }

    @Test
    void systemDfCountsVolumesAndSystemPruneVolumesRemovesTheUnusedAnonymousOnes() {
        String image = image();
        minidocker.run("volume", "create", "named").assertSuccess();
        minidocker.run("create", image, "true").assertSuccess();
        List<String> df = minidocker.run("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}")
                .assertSuccess().stdoutLines();
        assertTrue(df.contains("Local Volumes 2 1"), df.toString());
        List<String> pruned = minidocker.run("system", "prune", "-f", "--volumes").assertSuccess().stdoutLines();
        assertTrue(pruned.contains("Deleted Volumes:"), pruned.toString());
        assertEquals(List.of("named"), volumes());
    }
}
