package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code minidocker run} as a Docker user knows it: commands, exit statuses, flags, records. */
class RunIT extends RunTestBase {
    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void entrypointAndCmdCombineAsDockers() {
        String image = IMAGES.echo();
        assertAll(
                () -> assertEquals("ep cmd\n", minidocker.run("run", "--rm", image).assertSuccess().stdout()),
                () -> assertEquals("ep x\n", minidocker.run("run", "--rm", image, "x").assertSuccess().stdout()),
                () -> assertEquals("\n", minidocker.run("run", "--rm", "--entrypoint", "/bin/echo", image)
                        .assertSuccess().stdout()),
                () -> assertEquals("y\n", minidocker.run("run", "--rm", "--entrypoint", "/bin/echo", image, "y")
                        .assertSuccess().stdout()));
    }

    @Test
    void exitStatusIsTheContainers() {
        pull(IMAGES.busybox());
        assertAll(
                () -> assertEquals("", minidocker.run("run", "--rm", IMAGES.busybox(), "true").assertExit(0).stderr()),
                () -> assertEquals("", minidocker.run("run", "--rm", IMAGES.busybox(), "sh", "-c", "exit 3")
                        .assertExit(3).stderr()));
    }

    @Test
    void engineErrorsExit125WithOneLine() {
        CommandResult badFlag = minidocker.run("run", "--bogus", IMAGES.busybox(), "true").assertExit(125);
        CommandResult missing = minidocker.run("run", "--pull", "never", IMAGES.busybox(), "true").assertExit(125);
        assertAll(
                // Docker's two lines for a flag it does not know.
                () -> assertEquals(List.of("unknown flag: --bogus", "See 'minidocker run --help'."),
                        badFlag.stderrLines(), badFlag::toString),
                () -> assertEquals(1, missing.stderrLines().size(), missing::toString),
                () -> assertTrue(missing.stderr().startsWith("minidocker: No such image: "), missing::toString),
                () -> assertEquals(List.of(), containerRecords()));
    }

    @Test
    void notExecutableExits126AndNotFound127() {
        pull(IMAGES.busybox());
        CommandResult directory = minidocker.run("run", "--rm", IMAGES.busybox(), "/etc").assertExit(126);
        CommandResult missing = minidocker.run("run", "--rm", IMAGES.busybox(), "nosuch").assertExit(127);
        assertAll(
                () -> assertEquals(1, directory.stderrLines().size(), directory::toString),
                () -> assertTrue(directory.stderr().contains("exec: \"/etc\": permission denied"), directory::toString),
                () -> assertEquals(1, missing.stderrLines().size(), missing::toString),
                () -> assertTrue(missing.stderr().contains("exec: \"nosuch\": executable file not found in $PATH"),
                        missing::toString));
    }

    @Test
    void environmentFromFlagsFilesTheHostAndDefaults() throws IOException {
        Path envFile = minidocker.scratch().resolve("env.list");
        Files.writeString(envFile, "# a comment\nB=2\nC=three words\n\n");
        minidocker.env("HOME", "/from/the/host");
        CommandResult result = minidocker.run("run", "--rm", "-e", "A=1", "--env-file", envFile.toString(),
                "-e", "HOME", IMAGES.busybox(), "sh", "-c", "echo \"$A|$B|$C|$HOME|$PATH\"").assertSuccess();
        CommandResult defaults = minidocker.run("run", "--rm", IMAGES.noPath(), "sh", "-c", "echo \"$HOME|$PATH\"")
                .assertSuccess();
        assertAll(
                () -> assertEquals("1|2|three words|/from/the/host|" + RunImages.DEFAULT_PATH + "\n", result.stdout()),
                () -> assertEquals("/root|" + RunImages.DEFAULT_PATH + "\n", defaults.stdout()));
    }

    @Test
    void workdirIsCreatedWhenMissing() {
        CommandResult result = minidocker.run("run", "--rm", "-w", "/some/dir", IMAGES.busybox(), "pwd");
        assertEquals("/some/dir\n", result.assertSuccess().stdout());
    }

    @Test
    void userByNameOrIdsResolvesThroughTheImage() {
        CommandResult byName = minidocker.run("run", "--rm", "-u", "bob", IMAGES.busybox(),
                "sh", "-c", "id; echo $HOME");
        CommandResult byIds = minidocker.run("run", "--rm", "-u", "1000:50", IMAGES.busybox(), "id");
        assertAll(
                () -> assertEquals(List.of("uid=1000(bob) gid=50(staff) groups=50(staff)", "/home/bob"),
                        byName.assertSuccess().stdoutLines()),
                () -> assertTrue(byIds.assertSuccess().stdout().startsWith("uid=1000(bob) gid=50(staff)"),
                        byIds::toString));
    }

    @Test
    void volumesAreWritableUnlessReadOnly() throws IOException {
        Path volume = Files.createDirectories(minidocker.scratch().resolve("volume"));
        Files.writeString(volume.resolve("from-host"), "hello\n");
        CommandResult rw = minidocker.run("run", "--rm", "-v", volume + ":/data", IMAGES.busybox(), "sh", "-c",
                "cat /data/from-host && echo written > /data/from-container");
        CommandResult ro = minidocker.run("run", "--rm", "-v", volume + ":/data:ro", IMAGES.busybox(), "sh", "-c",
                "cat /data/from-container && echo again > /data/refused");
        assertAll(
                () -> assertEquals("hello\n", rw.assertSuccess().stdout()),
                () -> assertEquals("written\n", Files.readString(volume.resolve("from-container"))),
                () -> assertEquals("written\n", ro.assertExit(1).stdout()),
                () -> assertTrue(ro.stderr().contains("Read-only file system"), ro::toString),
                () -> assertFalse(Files.exists(volume.resolve("refused"))));
    }

    @Test
    void aMissingVolumeDirectoryIsMadeAndTheRootCannotBeAVolume() {
        Path missing = minidocker.scratch().resolve("missing/data");
        CommandResult made = minidocker.run("run", "--rm", "-v", missing + ":/data", IMAGES.busybox(), "sh", "-c",
                "echo written > /data/f");
        CommandResult overRoot = minidocker.run("run", "--rm", "-v", minidocker.scratch() + ":/", IMAGES.busybox(),
                "true");
        assertAll(
                () -> made.assertSuccess(),
                () -> assertEquals("written\n", Files.readString(missing.resolve("f"))),
                () -> assertEquals(List.of("minidocker: invalid volume specification: '" + minidocker.scratch()
                        + ":/': invalid mount config for type \"bind\": invalid specification: destination can't be"
                        + " '/'"), overRoot.assertExit(125).stderrLines()),
                () -> assertEquals(List.of(), containerRecords()));
    }

    @Test
    void tmpfsAndReadOnlyRoot() {
        CommandResult tmpfs = minidocker.run("run", "--rm", "--tmpfs", "/scratch", IMAGES.busybox(), "sh", "-c",
                "grep -c '^tmpfs /scratch tmpfs ' /proc/mounts && echo ok > /scratch/f && cat /scratch/f");
        CommandResult readOnly = minidocker.run("run", "--rm", "--read-only", IMAGES.busybox(), "sh", "-c",
                "touch /file; echo root $?; touch /tmp/file; echo tmp $?");
        CommandResult readOnlyWithTmp = minidocker.run("run", "--rm", "--read-only", "--tmpfs", "/tmp",
                IMAGES.busybox(), "sh", "-c", "touch /tmp/file && echo tmp $?");
        assertAll(
                () -> assertEquals(List.of("1", "ok"), tmpfs.assertSuccess().stdoutLines()),
                () -> assertEquals(List.of("root 1", "tmp 1"), readOnly.assertSuccess().stdoutLines()),
                () -> assertTrue(readOnly.stderr().contains("touch: /file: Read-only file system"), readOnly::toString),
                () -> assertEquals("tmp 0\n", readOnlyWithTmp.assertSuccess().stdout()));
    }

    @Test
    void namesAreUniqueUntilRemoved() {
        minidocker.run("run", "--name", "web", IMAGES.busybox(), "true").assertSuccess();
        CommandResult conflict = minidocker.run("run", "--name", "web", IMAGES.busybox(), "true").assertExit(125);
        minidocker.run("run", "--rm", "--name", "once", IMAGES.busybox(), "true").assertSuccess();
        minidocker.run("run", "--rm", "--name", "once", IMAGES.busybox(), "true").assertSuccess();
        // An empty name is none, as Docker has it: one is drawn.
        minidocker.run("run", "--rm", "--name", "", IMAGES.busybox(), "true").assertSuccess();
        assertAll(
                () -> assertEquals(1, conflict.stderrLines().size(), conflict::toString),
                () -> assertTrue(conflict.stderr().startsWith("minidocker: Conflict. The container name \"/web\" "
                        + "is already in use by container \""), conflict::toString),
                () -> assertEquals(1, containerRecords().size()));
    }

    @Test
    void removedWithRmElseRecordedWithItsExitCode() {
        minidocker.run("run", "--rm", IMAGES.busybox(), "true").assertSuccess();
        assertEquals(List.of(), containerRecords(), "--rm leaves no record");
        minidocker.run("run", IMAGES.busybox(), "sh", "-c", "exit 3").assertExit(3);
        List<Path> kept = containerRecords();
        assertEquals(1, kept.size(), kept::toString);
        JsonNode state = new ContainerFiles(minidocker, kept.getFirst().getFileName().toString()).state();
        assertAll(
                () -> assertTrue(state.path("status").asText().equalsIgnoreCase("exited"), state::toString),
                () -> assertEquals(3, state.path("exitCode").asInt(), state::toString));
    }

    @Test
    void dryRunPrintsTheSpecAndCreatesNothing() throws IOException {
        CommandResult result = minidocker.run("run", "--dry-run", IMAGES.busybox(), "echo", "hi").assertSuccess();
        JsonNode spec = new ObjectMapper().readTree(result.stdout());
        assertAll(
                () -> assertTrue(spec.path("ociVersion").isTextual(), result::toString),
                () -> assertEquals(List.of("echo", "hi"),
                        spec.path("process").path("args").valueStream().map(JsonNode::asText).toList()),
                () -> assertTrue(spec.path("root").path("path").isTextual(), result::toString),
                () -> assertTrue(spec.path("mounts").isArray() && !spec.path("mounts").isEmpty(), result::toString),
                () -> assertEquals(List.of(), containerRecords(), "no container record"),
                () -> assertEquals(List.of(), traces.ids().stream().toList(), "no container made"));
    }

    @Test
    void explainNarratesEachStepOnStderr() {
        pull(IMAGES.busybox());
        CommandResult result = minidocker.run("run", "--rm", "--explain", IMAGES.busybox(), "echo", "hi")
                .assertSuccess();
        List<String> narrators = result.stderrLines().stream().map(line -> line.substring(0, line.indexOf(':') + 1))
                .distinct().toList();
        assertAll(
                () -> assertEquals("hi\n", result.stdout()),
                () -> assertTrue(narrators.containsAll(List.of("launcher:", "cgroup:", "shim:")), result::toString));
    }

    @Test
    void runCommandRunsInTheDefaultFsWithoutChangingIt() {
        Path rootfs = IMAGES.busyboxRootfs();
        minidocker.env("MINIDOCKER_DEFAULT_FS", rootfs.toString());
        CommandResult result = minidocker.run("run-command", "--rm", "sh", "-c",
                "echo made > /made-here && cat /made-here && hostname | wc -c");
        assertAll(
                () -> assertEquals(List.of("made", "13"), result.assertSuccess().stdoutLines()),
                () -> assertFalse(Files.exists(rootfs.resolve("made-here")), "the write reached the directory"));
    }

    @Test
    void runCommandNeedsADefaultFsDirectory() throws IOException {
        CommandResult unset = minidocker.run("run-command", "true").assertExit(125);
        Path file = Files.writeString(minidocker.scratch().resolve("not-a-directory"), "");
        minidocker.env("MINIDOCKER_DEFAULT_FS", file.toString());
        CommandResult notDirectory = minidocker.run("run-command", "true").assertExit(125);
        assertAll(
                () -> assertEquals(List.of("minidocker: MINIDOCKER_DEFAULT_FS is not set: name the root filesystem "
                        + "directory to run in"), unset.stderrLines()),
                () -> assertEquals(List.of("minidocker: MINIDOCKER_DEFAULT_FS=" + file + " is not a directory"),
                        notDirectory.stderrLines()));
    }
}
