package dev.minidocker.launcher;

import dev.minidocker.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A store and a cgroup v2 root in a temp dir, and a starter over them that never starts a shim;
 * beside its jars only the real seccomp compiler, so a created container's program is compiled.
 */
record TempHost(Store store, Path cgroupRoot, Starter starter) {
    static TempHost in(Path dir) throws Exception {
        Store store = Store.open(dir.resolve("store"), notice -> { });
        Path cgroupRoot = Files.createDirectories(dir.resolve("cgroup"));
        Files.writeString(cgroupRoot.resolve("cgroup.controllers"), "memory pids cpu\n");
        Files.writeString(cgroupRoot.resolve("cgroup.subtree_control"), "");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createSymbolicLink(lib.resolve("minidocker-seccomp"),
                Path.of(System.getProperty("minidocker.seccomp", "minidocker-seccomp")).toAbsolutePath());
        Starter starter = new Starter(store, cgroupRoot, new ShimCommand(Path.of("/bin/java"), lib),
                Narrator.silent());
        return new TempHost(store, cgroupRoot, starter);
    }

    /** Names everything under the cgroup root, to show that nothing was made there. */
    long cgroupEntries() throws IOException {
        try (var files = Files.walk(cgroupRoot)) {
            return files.count();
        }
    }
}
