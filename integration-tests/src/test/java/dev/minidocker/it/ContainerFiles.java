package dev.minidocker.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A container's record as minidocker keeps it: {@code <root>/containers/<id>/}. */
final class ContainerFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    ContainerFiles(Minidocker minidocker, String id) {
        this.directory = minidocker.root().resolve("containers").resolve(id);
    }

    /** {@code container.json}: config, hostConfig and state. */
    JsonNode record() {
        return json("container.json");
    }

    /** {@code config.json}: the OCI runtime spec the shim carries out. */
    JsonNode spec() {
        return json("config.json");
    }

    private JsonNode json(String file) {
        try {
            return JSON.readTree(directory.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode state() {
        return record().path("state");
    }

    /** The host PID of the container's process 1, once the shim has written {@code init.pid} ("PID START"). */
    long initPid(Duration timeout) {
        Path file = directory.resolve("init.pid");
        Eventually.until(() -> Files.exists(file) && !read(file).isBlank(), timeout, file.toString());
        return Long.parseLong(read(file).strip().split(" ")[0]);
    }

    /**
     * The host PID of the container's process 1 once it runs {@code program} (the shim has exec'd
     * the entrypoint, so the cgroup is joined and every setup step done).
     */
    long entrypointPid(String program, Duration timeout) {
        long pid = initPid(timeout);
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        Eventually.until(() -> Files.exists(cmdline) && read(cmdline).split("\0")[0].equals(program), timeout,
                "process " + pid + " to exec " + program);
        return pid;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
