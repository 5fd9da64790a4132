package dev.minidocker.launcher;

import dev.minidocker.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A store and a cgroup v2 root in a temp dir, and a launcher over them that never starts a shim. */
record TempHost(Store store, Path cgroupRoot, Launcher launcher) {
    static TempHost in(Path dir) throws Exception {
        Store store = Store.open(dir.resolve("store"), notice -> { });
        Path cgroupRoot = Files.createDirectories(dir.resolve("cgroup"));
        Files.writeString(cgroupRoot.resolve("cgroup.controllers"), "memory pids cpu\n");
        Files.writeString(cgroupRoot.resolve("cgroup.subtree_control"), "");
        Launcher launcher = new Launcher(store, cgroupRoot, new ShimCommand(Path.of("/bin/java"), dir),
                Explain.silent());
        return new TempHost(store, cgroupRoot, launcher);
    }

    /** Names everything under the cgroup root, to show that nothing was made there. */
    long cgroupEntries() throws IOException {
        try (var files = Files.walk(cgroupRoot)) {
            return files.count();
        }
    }
}
