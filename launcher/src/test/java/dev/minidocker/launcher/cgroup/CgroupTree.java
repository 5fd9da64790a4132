package dev.minidocker.launcher.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temp trees shaped like /sys/fs/cgroup, with plain files for the ones the kernel would make, and a
 * fake kill(2) under which a signalled pid leaves every cgroup.procs file.
 */
final class CgroupTree {
    private CgroupTree() {
    }

    /** A cgroup v2 root offering {@code controllers}. */
    static void v2(Path root, String controllers) throws IOException {
        file(root.resolve("cgroup.controllers"), controllers + "\n");
        file(root.resolve("cgroup.subtree_control"), "");
        file(root.resolve("cgroup.procs"), "1\n");
    }

    /**
     * A hybrid v1 layout like Debian's: memory/, cpu,cpuacct/ with links cpu and cpuacct, pids/,
     * freezer/, cpuset/ (with the root's CPUs and memory nodes), devices/, the named systemd/, and
     * the cgroup2 unified/.
     */
    static void hybrid(Path root) throws IOException {
        for (String h : List.of("memory", "cpu,cpuacct", "pids", "freezer", "cpuset", "devices", "systemd")) {
            file(root.resolve(h).resolve("cgroup.procs"), "1\n");
        }
        Files.createSymbolicLink(root.resolve("cpu"), Path.of("cpu,cpuacct"));
        Files.createSymbolicLink(root.resolve("cpuacct"), Path.of("cpu,cpuacct"));
        file(root.resolve("cpuset/cpuset.cpus"), "0-1\n");
        file(root.resolve("cpuset/cpuset.mems"), "0\n");
        file(root.resolve("unified").resolve("cgroup.controllers"), "hugetlb\n");
        file(root.resolve("unified").resolve("cgroup.procs"), "1\n");
    }

    /** Files the kernel makes in a new cgroup directory (the optional ones that code tests for). */
    static void kernelFiles(Path dir, String... names) throws IOException {
        for (String name : names) {
            file(dir.resolve(name), "");
        }
    }

    /** What the kernel does on rmdir: its files go with the directory. A temp tree needs them removed first. */
    static void dropKernelFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    static void file(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    /** kill(2) that records "pid signal" and removes the pid from these procs files, as its death would. */
    static PidSweep.Killer killer(List<String> calls, List<Path> procsFiles) {
        return (pid, signal) -> {
            calls.add(pid + " " + signal);
            for (Path procs : procsFiles) {
                if (!Files.exists(procs)) {
                    continue;
                }
                try {
                    List<String> left = new ArrayList<>(Files.readAllLines(procs));
                    left.remove(Long.toString(pid));
                    Files.write(procs, left);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
