package dev.minidocker.store.volume;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A volume as {@code volumes/NAME/volume.json} keeps it; its files are in {@code _data} beside it.
 * Docker's local driver is the only one, without options.
 *
 * @param createdAt RFC 3339, as Docker's CreatedAt
 * @param labels {@code --label}s; an anonymous volume has {@link #ANONYMOUS}, as Docker 23 marks them
 */
public record VolumeRecord(String name, String createdAt, Map<String, String> labels) implements JsonWritable {
    /** Docker's label of the volumes {@code -v /path} and an image's VOLUME make: {@code volume prune} takes them. */
    public static final String ANONYMOUS = "com.docker.volume.anonymous";

    public VolumeRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean anonymous() {
        return labels.containsKey(ANONYMOUS);
    }

    static VolumeRecord fromJson(JsonObject json) throws JsonException {
        return new VolumeRecord(json.string("name"), json.string("createdAt"), json.stringMap("labels"));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().add("name", name).add("createdAt", createdAt).add("labels", new TreeMap<>(labels));
    }
}
