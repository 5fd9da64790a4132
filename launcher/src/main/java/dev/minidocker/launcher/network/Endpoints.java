package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try {
                    endpoints.add(Endpoint.fromJson(JsonObject.parse(Files.readAllBytes(file))));
                } catch (NoSuchFileException removedMeanwhile) {
                    // Detached while this listing ran.
                } catch (JsonException | RuntimeException e) {
                    throw new LaunchException("read endpoint " + file + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new LaunchException("list endpoints in " + dir + ": " + e.getMessage(), e);
        }
        return endpoints;
    }

    List<Endpoint> ofNetwork(String networkId) throws LaunchException {
        return all().stream().filter(e -> e.networkId().equals(networkId)).toList();
    }

    List<Endpoint> ofContainer(String containerId) throws LaunchException {
        return all().stream().filter(e -> e.containerId().equals(containerId)).toList();
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
