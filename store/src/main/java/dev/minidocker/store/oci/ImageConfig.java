package dev.minidocker.store.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.minidocker.store.Digest;
import java.util.List;
import java.util.Map;

/** The parts of an image configuration that minidocker reads (OCI image-spec config.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageConfig(String created, String architecture, String os, String variant,
        @JsonProperty("config") RunConfig config, RootFs rootfs, List<History> history) {

    /** The defaults for containers run from the image. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunConfig(@JsonProperty("User") String user, @JsonProperty("Env") List<String> env,
            @JsonProperty("Entrypoint") List<String> entrypoint, @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("WorkingDir") String workingDir, @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("Labels") Map<String, String> labels) {
    }

    /** The uncompressed layer digests, in order. */
    public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record History(String created, @JsonProperty("created_by") String createdBy,
            @JsonProperty("empty_layer") Boolean emptyLayer, String comment) {
    }

    public List<Digest> diffIds() {
        return rootfs == null || rootfs.diffIds() == null ? List.of() : rootfs.diffIds();
    }
}
