package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The endpoint records, {@code networks/endpoints/NETWORKID.CONTAINERID.json}, each written whole by rename. */
final class Endpoints {
    private final Path dir;
    private final Path tmp;

    Endpoints(Path dir, Path tmp) {
        this.dir = dir;
        this.tmp = tmp;
    }

    List<Endpoint> all() throws LaunchException {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Path file : files()) {
            try {
                endpoints.add(read(file));
            } catch (NoSuchFileException removedMeanwhile) {
                // Detached while this listing ran.
            }
        }
        return endpoints;
    }

    private List<Path> files() throws LaunchException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new LaunchException("list endpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Endpoint read(Path file) throws LaunchException, NoSuchFileException {
        try {
            return Endpoint.fromJson(JsonObject.parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException gone) {
            throw gone;
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("read endpoint " + file + ": " + e.getMessage(), e);
        }
    }

    List<Endpoint> ofNetwork(String networkId) throws LaunchException {
        return all().stream().filter(e -> e.networkId().equals(networkId)).toList();
    }

    /** The container's endpoints, found by their files' names: the others are not read. */
    List<Endpoint> ofContainer(String containerId) throws LaunchException {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Path file : files()) {
            if (file.getFileName().toString().endsWith("." + containerId + ".json")) {
                try {
                    endpoints.add(read(file));
                } catch (NoSuchFileException removedMeanwhile) {
                    // Detached while this listing ran.
                }
            }
        }
        return endpoints;
    }

    /** The containers with an endpoint, by their files' names ({@code NETWORKID.CONTAINERID.json}). */
    Set<String> containerIds() throws LaunchException {
        Set<String> ids = new LinkedHashSet<>();
        for (Path file : files()) {
            String[] parts = file.getFileName().toString().split("\\.");
            if (parts.length == 3) {
                ids.add(parts[1]);
            }
        }
        return ids;
    }

    void write(Endpoint endpoint) throws LaunchException {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file(endpoint), Json.write(endpoint), tmp);
        } catch (IOException e) {
            throw new LaunchException("write endpoint " + file(endpoint) + ": " + e.getMessage(), e);
        }
    }

    void delete(Endpoint endpoint) throws LaunchException {
        try {
            Files.deleteIfExists(file(endpoint));
        } catch (IOException e) {
            throw new LaunchException("remove endpoint " + file(endpoint) + ": " + e.getMessage(), e);
        }
    }

    private Path file(Endpoint endpoint) {
        return dir.resolve(endpoint.networkId() + "." + endpoint.containerId() + ".json");
    }
}
