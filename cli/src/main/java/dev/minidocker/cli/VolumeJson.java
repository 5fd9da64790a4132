package dev.minidocker.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.store.volume.VolumeRecord;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A volume as Docker's {@code volume inspect} and {@code volume ls --format} show it. */
final class VolumeJson {
    private VolumeJson() {
    }

    /** @param mountpoint where its files are */
    static ObjectNode of(VolumeRecord v, Path mountpoint) {
        ObjectNode node = DockerJson.object();
        node.put("CreatedAt", v.createdAt());
        node.put("Driver", "local");
        if (v.labels().isEmpty()) {
            node.putNull("Labels");
        } else {
            ObjectNode labels = node.putObject("Labels");
            new TreeMap<>(v.labels()).forEach(labels::put);
        }
        node.put("Mountpoint", mountpoint.toString());
        node.put("Name", v.name());
        node.putNull("Options");
        node.put("Scope", "local");
        return node;
    }

    /** {@code volume ls --format}'s fields beyond inspect's: Labels as Docker's k=v list, and Links. */
    static ObjectNode row(VolumeRecord v, Path mountpoint, int links) {
        ObjectNode node = of(v, mountpoint);
        StringBuilder labels = new StringBuilder();
        for (Map.Entry<String, String> l : new TreeMap<>(v.labels()).entrySet()) {
            labels.append(labels.isEmpty() ? "" : ",").append(l.getKey()).append('=').append(l.getValue());
        }
        node.put("Labels", labels.toString());
        node.put("Links", String.valueOf(links));
        node.put("Size", "N/A");
        return node;
    }
}
