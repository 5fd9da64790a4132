package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.LogLimits;
import dev.minidocker.launcher.RunOptions;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.launcher.userns.UsernsMode;
import dev.minidocker.store.container.ContainerRecord.LogConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags that shape a container, as Docker's {@code run} and {@code create} take them. */
final class ContainerFlags {
    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container.")
    String name;

    @Option(names = "--rm", description = "Remove the container when it exits.")
    boolean autoRemove;

    @Mixin
    ProcessFlags process = new ProcessFlags();

    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME",
            description = "Container host name (default: the first 12 hex digits of its id).")
    String hostname;

    @Option(names = "--entrypoint", paramLabel = "CMD",
            description = "Overwrite the image's ENTRYPOINT (and drop its CMD); \"\" clears it.")
    String entrypoint;

    @Option(names = {"-v", "--volume"}, paramLabel = "/HOST:/CTR[:ro]", description = "Bind mount a host path (repeatable).")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--tmpfs", paramLabel = "/PATH[:OPTS]", description = "Mount a tmpfs (repeatable).")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = "--read-only", description = "Mount the container's root filesystem read-only.")
    boolean readOnly;

    @Option(names = {"--network", "--net"}, paramLabel = "none|host", defaultValue = "none",
            description = "none (default: an own network namespace with only lo) or host.")
    String network;

    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", description = "Memory limit (e.g. 16m, 1g).")
    String memory;

    @Option(names = "--memory-swap", paramLabel = "BYTES", description = "Memory plus swap limit; -1 for unlimited swap.")
    String memorySwap;

    @Option(names = "--cpus", paramLabel = "N", description = "Number of CPUs (e.g. 0.5).")
    Double cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "N", description = "CPU shares (relative weight).")
    long cpuShares;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Limit the number of processes (-1 for unlimited).")
    long pidsLimit;

    @Option(names = "--security-opt", paramLabel = "OPT", description = "no-new-privileges (repeatable).")
    List<String> securityOpts = new ArrayList<>();

    @Option(names = "--userns", paramLabel = "host|private",
            description = "host (default): the host's user namespace; private: an own one, container root mapped to 65536 free host ids.")
    String userns;

    @Option(names = "--uidmap", paramLabel = "CONTAINER:HOST:SIZE",
            description = "Map container uids to host uids in a private user namespace (repeatable).")
    List<String> uidmaps = new ArrayList<>();

    @Option(names = "--gidmap", paramLabel = "CONTAINER:HOST:SIZE",
            description = "Map container gids to host gids (repeatable; default: as --uidmap).")
    List<String> gidmaps = new ArrayList<>();

    @Option(names = "--log-driver", paramLabel = "DRIVER", description = "Logging driver: json-file (the default) or none.")
    String logDriver;

    @Option(names = "--log-opt", paramLabel = "KEY=VALUE",
            description = "json-file option (repeatable): max-size (default 10m), max-file (default 3).")
    Map<String, String> logOpts = new LinkedHashMap<>();

    @Option(names = "--explain", description = "Narrate each step on stderr as it happens: namespaces, mounts, cgroups, pivot_root, exec.")
    boolean explain;

    RunOptions toOptions(List<String> command) throws CliException {
        if (!network.equals("none") && !network.equals("host")) {
            throw new CliException("network \"" + network + "\" is not supported yet: use none or host", ExitCodes.ENGINE);
        }
        boolean noNewPrivileges = false;
        for (String opt : securityOpts) {
            if (opt.equals("no-new-privileges") || opt.equals("no-new-privileges:true") || opt.equals("no-new-privileges=true")) {
                noNewPrivileges = true;
            } else {
                throw new CliException("--security-opt " + opt + " is not supported: only no-new-privileges", ExitCodes.ENGINE);
            }
        }
        long mem = memory == null ? 0 : ByteSizes.parse("--memory", memory);
        long swap = memorySwap == null ? 0 : memorySwap.equals("-1") ? -1 : ByteSizes.parse("--memory-swap", memorySwap);
        Resources resources = new Resources(mem, swap, cpus == null ? 0 : Resources.nanoCpus(cpus), cpuShares, pidsLimit);
        List<String> entry = entrypoint == null ? null : entrypoint.isEmpty() ? List.of() : List.of(entrypoint);
        LogConfig logConfig;
        UsernsMode usernsMode;
        try {
            logConfig = LogLimits.config(logDriver, logOpts);
            usernsMode = UsernsMode.of(userns, uidmaps, gidmaps);
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
        return new RunOptions(name, entry, command, process.environment(), process.workdir, process.user, hostname,
                process.tty, process.interactive, autoRemove, volumes, tmpfs, readOnly, network, resources,
                noNewPrivileges, explain, logConfig, usernsMode);
    }
}
