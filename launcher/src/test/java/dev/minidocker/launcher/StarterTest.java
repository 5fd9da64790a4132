package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.plan.RunFlags;
import dev.minidocker.launcher.plan.Source;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStatus;
import dev.minidocker.store.container.NameConflictException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create}: the plan written into a store in a temp dir; nothing runs, no cgroup is made. */
class StarterTest {
    @TempDir
    Path dir;
    private TempHost host;
    private Starter.SourceProvider rootfs;

    @BeforeEach
    void host() throws Exception {
        host = TempHost.in(dir);
        Path directory = Files.createDirectories(dir.resolve("rootfs"));
        rootfs = () -> new Source.Directory(directory);
    }

    private ContainerRecord create(RunFlags flags) throws Exception {
        return host.starter().create(rootfs, flags.command("/bin/true").options());
    }

    @Test
    void createWritesTheRecordTheDirectoriesAndTheSpecLast() throws Exception {
        long cgroupEntries = host.cgroupEntries();
        ContainerRecord c = create(RunFlags.run().name("web").hostname("box"));
        assertEquals(c, host.store().containers().get(c.id()).orElseThrow());
        assertEquals(ContainerStatus.CREATED, c.state().status());
        ContainerDirs dirs = host.starter().dirs(c.id());
        assertTrue(Files.isDirectory(dirs.upper()) && Files.isDirectory(dirs.work()) && Files.isDirectory(dirs.rootfs()));
        assertEquals("box\n", Files.readString(dirs.hostname()));
        assertTrue(Files.readString(dirs.hosts()).contains("127.0.0.1\tbox\n"));
        RuntimeSpec spec = host.starter().spec(c.id());
        assertEquals(List.of("/bin/true"), spec.process().args());
        assertNull(spec.linux().seccomp(), "config.json names the compiled program, not the rules");
        assertTrue(Files.isRegularFile(Path.of(spec.annotation(Annotations.SECCOMP))), spec.annotations().toString());
        assertEquals(cgroupEntries, host.cgroupEntries(), "a created container has no cgroup yet");
    }

    @Test
    void anOptionThatCannotBePlannedLeavesNothing() {
        LaunchException e = assertThrows(LaunchException.class, () -> create(RunFlags.run().workdir("relative")));
        assertTrue(e.getMessage().contains("needs to be an absolute path"), e.getMessage());
        assertEquals(List.of(), dirs());
    }

    @Test
    void aChosenNameThatIsTakenIsRefusedAndLeavesNothing() throws Exception {
        ContainerRecord first = create(RunFlags.run().name("web"));
        assertThrows(NameConflictException.class, () -> create(RunFlags.run().name("web")));
        assertEquals(List.of(first.id()), dirs());
    }

    @Test
    void createWaitsWhileGarbageIsCollected() throws Exception {
        FutureTask<ContainerRecord> create = new FutureTask<>(() -> create(RunFlags.run()));
        try (var gc = host.store().locks().exclusive("gc")) {
            Thread.ofPlatform().start(create);
            Thread.sleep(300);
            assertFalse(create.isDone(), "garbage collection could clear the temp files the spec is written through");
            assertEquals(List.of(), host.store().containers().all());
        }
        ContainerRecord c = create.get(10, TimeUnit.SECONDS);
        assertTrue(Files.exists(host.starter().dirs(c.id()).spec()));
    }

    private List<String> dirs() {
        try (var entries = Files.list(host.store().root().resolve("containers"))) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
