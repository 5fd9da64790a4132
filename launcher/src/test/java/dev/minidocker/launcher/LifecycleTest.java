package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.plan.RunFlags;
import dev.minidocker.launcher.plan.Source;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.container.ContainerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {
    @TempDir
    Path dir;

    @Test
    void aRemovalWaitsForAStartUnderWay() throws Exception {
        TempHost host = TempHost.in(dir);
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        ContainerRecord c = host.starter().create(() -> new Source.Directory(rootfs),
                RunFlags.run().command("/bin/true").options());
        Lifecycle lifecycle = new Lifecycle(host.starter(), host.store(), Syscalls.system());
        FutureTask<Void> remove = new FutureTask<>(() -> {
            lifecycle.remove(c, true, false);
            return null;
        });
        try (var starting = host.starter().starting(c.id())) {
            Thread.ofPlatform().start(remove);
            Thread.sleep(300);
            assertFalse(remove.isDone(), "the start would find its cgroup or its spec gone");
            assertTrue(host.store().containers().get(c.id()).isPresent());
        }
        remove.get(10, TimeUnit.SECONDS);
        assertTrue(host.store().containers().get(c.id()).isEmpty());
        assertFalse(Files.exists(host.starter().dirs(c.id()).dir()));
    }
}
