package dev.minidocker.store.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.minidocker.store.Digest;
import java.util.List;
import java.util.Map;

/**
 * A container as the store keeps it ({@code containers/<id>/container.json}): what it was made
 * from and with, and its state. The runtime spec it runs is beside it ({@code config.json}).
 *
 * @param image the image as the user named it
 * @param imageId the image's id (config digest)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerRecord(String id, String name, String image, Digest imageId, String created,
        Config config, HostConfig hostConfig, ContainerState state) {

    /** What runs: Docker's Config. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Config(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir, String user,
            String hostname, boolean tty, boolean openStdin, String stopSignal) {
    }

    /**
     * How it runs: Docker's HostConfig.
     *
     * @param usernsMode Docker's UsernsMode: "" (the host's user namespace) or "private"
     * @param idMappings the uid and gid maps of a private user namespace, null without one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HostConfig(long memory, long memorySwap, long nanoCpus, long cpuShares, long pidsLimit,
            List<String> binds, List<String> tmpfs, boolean readOnly, boolean autoRemove, String networkMode,
            List<String> securityOpt, LogConfig logConfig, String usernsMode, IdMappings idMappings) {
    }

    /** Podman's HostConfig.IDMappings: {@code CONTAINER:HOST:SIZE} lines, as {@code --uidmap} takes them. */
    public record IdMappings(List<String> uidMap, List<String> gidMap) {
    }

    /** Docker's LogConfig: the log driver ({@code json-file} or {@code none}) and its {@code --log-opt}s. */
    public record LogConfig(String type, Map<String, String> config) {
        public LogConfig {
            config = config == null ? Map.of() : Map.copyOf(config);
        }
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    public ContainerRecord withState(ContainerState s) {
        return new ContainerRecord(id, name, image, imageId, created, config, hostConfig, s);
    }

    public ContainerRecord withName(String n) {
        return new ContainerRecord(id, n, image, imageId, created, config, hostConfig, state);
    }
}
