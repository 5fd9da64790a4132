package dev.minidocker.launcher.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The part of an OCI runtime {@code config.json} that minidocker writes and its shim carries out:
 * the plan of a container as data, printable with {@code run --dry-run}. Using the standard shape
 * keeps the door open for an OCI-runtime face later.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts,
        Linux linux, Map<String, String> annotations) {

    public static final String OCI_VERSION = "1.2.0";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
            Capabilities capabilities, boolean noNewPrivileges) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record User(int uid, int gid, List<Integer> additionalGids) {
    }

    public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted) {
    }

    public record Root(String path, boolean readonly) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mount(String destination, String type, String source, List<String> options) {
    }

    /** {@code uidMappings} and {@code gidMappings} are null unless the namespaces include "user". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Linux(List<Namespace> namespaces, List<IdMapping> uidMappings, List<IdMapping> gidMappings,
            List<String> maskedPaths, List<String> readonlyPaths, String cgroupsPath, Resources resources) {
    }

    /** The cgroup's limits (config-linux.md "Control groups"); what is absent is not limited, as is all without it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(Memory memory, Cpu cpu, Pids pids) {
    }

    /** {@code swap} is memory plus swap, as runc takes it; -1 is unlimited. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Long limit, Long swap) {
    }

    /** {@code quota} microseconds of CPU time in each {@code period}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(Long shares, Long quota, Long period) {
    }

    /** -1 is unlimited. */
    public record Pids(long limit) {
    }

    /** One line of a user namespace's map (config-linux.md "User namespace mappings"). */
    public record IdMapping(long containerID, long hostID, long size) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Namespace(String type, String path) {
    }
}
