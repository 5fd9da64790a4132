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

    /**
     * {@code uidMappings} and {@code gidMappings} are null unless the namespaces include "user";
     * {@code seccomp} is null for an unconfined container.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Linux(List<Namespace> namespaces, List<IdMapping> uidMappings, List<IdMapping> gidMappings,
            List<String> maskedPaths, List<String> readonlyPaths, String cgroupsPath, Seccomp seccomp) {
    }

    /**
     * config-linux.md "Seccomp": the rules a profile resolves to for this machine and container,
     * as runc takes them. {@code defaultErrnoRet} and {@code errnoRet} are null when not given.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Seccomp(String defaultAction, Integer defaultErrnoRet, List<String> architectures,
            List<Syscall> syscalls) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Syscall(List<String> names, String action, Integer errnoRet, List<SeccompArg> args) {
    }

    /** A condition on argument {@code index}; {@code value} and {@code valueTwo} are uint64 bit patterns. */
    public record SeccompArg(int index, long value, long valueTwo, String op) {
    }

    /** One line of a user namespace's map (config-linux.md "User namespace mappings"). */
    public record IdMapping(long containerID, long hostID, long size) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Namespace(String type, String path) {
    }
}
