package dev.minidocker.launcher.cgroup;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plain files of a cgroup tree. Every change is told to the explain listener first. Writes create
 * a missing file, so a temp tree needs no kernel; on cgroupfs the kernel has made every file already.
 */
final class CgroupFiles {
    private static final String EBUSY = "Device or resource busy";
    private static final int RMDIR_TRIES = 50;

    private final EventListener explain;

    CgroupFiles(EventListener explain) {
        this.explain = explain;
    }

    void write(Path file, String value) throws LaunchException {
        explain.event("write " + value + " to " + file);
        try {
            Files.writeString(file, value, CREATE, TRUNCATE_EXISTING, WRITE);
        } catch (IOException e) {
            throw failure("write " + file.getFileName(), file, e);
        }
    }

    void write(Path file, long value) throws LaunchException {
        write(file, Long.toString(value));
    }

    /** The file's text; "" when it is absent (a controller not enabled, a cgroup gone). */
    String read(Path file) throws LaunchException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        } catch (FileSystemException e) {
            // A cgroup removed while its file is open answers ENODEV: it is as gone as an absent one.
            if ("No such device".equals(e.getReason())) {
                return "";
            }
            throw failure("read " + file.getFileName(), file, e);
        } catch (IOException e) {
            throw failure("read " + file.getFileName(), file, e);
        }
    }

    /** The space-separated words of a file such as cgroup.controllers. */
    Set<String> words(Path file) throws LaunchException {
        Set<String> words = new LinkedHashSet<>();
        for (String w : read(file).trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** The value of {@code key} in a flat keyed file ("oom_kill 3" lines); 0 when absent. */
    long keyed(Path file, String key) throws LaunchException {
        for (String line : read(file).split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                return parse(kv[1], file);
            }
        }
        return 0;
    }

    /** The number a file such as memory.current holds: 0 when absent, -1 for "max". */
    long number(Path file) throws LaunchException {
        String text = read(file).trim();
        return text.isEmpty() ? 0 : text.equals("max") ? -1 : parse(text, file);
    }

    /** The pids listed in a cgroup.procs file; none when it is absent. */
    List<Long> pids(Path procs) throws LaunchException {
        List<Long> pids = new ArrayList<>();
        for (String line : read(procs).split("\n")) {
            if (!line.isBlank()) {
                pids.add(parse(line.trim(), procs));
            }
        }
        return pids;
    }

    void mkdirs(Path dir) throws LaunchException {
        if (Files.isDirectory(dir)) {
            return;
        }
        explain.event("mkdir " + dir);
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(dir);
                return;
            } catch (java.nio.file.NoSuchFileException e) {
                // A parent removed by another container's cleanup between two mkdirs: make it again.
                if (attempt == RMDIR_TRIES) {
                    throw failure("mkdir", dir, e);
                }
            } catch (IOException e) {
                throw failure("mkdir", dir, e);
            }
        }
    }

    /**
     * Removes the shared {@code minidocker} parent once its last container is gone, so that no
     * empty cgroup of ours is left on the host; any error (another container in it, a race) means
     * it is still in use and stays.
     */
    void rmdirParentIfUnused(Path dir) {
        Path parent = dir.getParent();
        if (parent != null && parent.getFileName().toString().equals("minidocker")) {
            try {
                Files.deleteIfExists(parent);
            } catch (IOException inUse) {
                // Still holds other containers' cgroups.
            }
        }
    }

    /** Removes a cgroup directory, retrying while the kernel still counts a dying process; absent is fine. */
    void rmdir(Path dir) throws LaunchException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        explain.event("rmdir " + dir);
        for (int attempt = 1; ; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (FileSystemException e) {
                if (!EBUSY.equals(e.getReason()) || attempt == RMDIR_TRIES) {
                    throw failure("rmdir", dir, e);
                }
            } catch (IOException e) {
                throw failure("rmdir", dir, e);
            }
            pause();
        }
    }

    static void pause() throws LaunchException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("cgroup: interrupted", e);
        }
    }

    private static long parse(String number, Path file) throws LaunchException {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new LaunchException("cgroup: read " + file.getFileName() + " `" + file + "`: not a number: " + number);
        }
    }

    private static LaunchException failure(String action, Path path, IOException e) {
        String detail = switch (e) {
            case NoSuchFileException n -> "No such file or directory";
            case DirectoryNotEmptyException d -> "Directory not empty";
            case AccessDeniedException a -> "Permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage();
        };
        return new LaunchException("cgroup: " + action + " `" + path + "`: " + detail, e);
    }
}
