package dev.minidocker.store.oci;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.Digest;
import java.util.List;
import java.util.Map;

/** The parts of an image configuration that minidocker reads (OCI image-spec config.md). */
public record ImageConfig(String created, String architecture, String os, String variant, RunConfig config,
        RootFs rootfs, List<History> history) {

    public static ImageConfig fromJson(JsonObject json) throws JsonException {
        return new ImageConfig(json.string("created"), json.string("architecture"), json.string("os"),
                json.string("variant"), json.object("config", RunConfig::fromJson),
                json.object("rootfs", RootFs::fromJson), json.objects("history", History::fromJson));
    }

    /** The defaults for containers run from the image, with Docker's capitalised names. */
    public record RunConfig(String user, List<String> env, List<String> entrypoint, List<String> cmd,
            String workingDir, String stopSignal, Map<String, Object> exposedPorts, Map<String, Object> volumes,
            Map<String, String> labels) {
        static RunConfig fromJson(JsonObject json) throws JsonException {
            return new RunConfig(json.string("User"), json.strings("Env"), json.strings("Entrypoint"),
                    json.strings("Cmd"), json.string("WorkingDir"), json.string("StopSignal"),
                    json.map("ExposedPorts"), json.map("Volumes"), json.stringMap("Labels"));
        }
    }

    /** The uncompressed layer digests, in order. */
    public record RootFs(String type, List<Digest> diffIds) {
        static RootFs fromJson(JsonObject json) throws JsonException {
            return new RootFs(json.string("type"), json.strings("diff_ids", Digest::parse));
        }
    }

    public record History(String created, String createdBy, Boolean emptyLayer, String comment) {
        static History fromJson(JsonObject json) throws JsonException {
            return new History(json.string("created"), json.string("created_by"),
                    json.has("empty_layer") ? json.bool("empty_layer") : null, json.string("comment"));
        }
    }

    public List<Digest> diffIds() {
        return rootfs == null || rootfs.diffIds() == null ? List.of() : rootfs.diffIds();
    }
}
