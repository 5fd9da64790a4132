package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.pairs;
import static dev.minidocker.cli.CodedOptions.repeated;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.LogLimits;
import dev.minidocker.launcher.cgroup.DeviceRules;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.launcher.network.ExtraHost;
import dev.minidocker.launcher.network.PortBinding;
import dev.minidocker.launcher.network.Subnet;
import dev.minidocker.launcher.plan.DeviceMapping;
import dev.minidocker.launcher.plan.Privileges;
import dev.minidocker.launcher.plan.NetworkOptions;
import dev.minidocker.launcher.plan.RunOptions;
import dev.minidocker.launcher.plan.Volumes;
import dev.minidocker.launcher.seccomp.SeccompOption;
import dev.minidocker.launcher.userns.UsernsMode;
import dev.minidocker.spec.Resources.DeviceRule;
import dev.minidocker.store.container.ContainerRecord.LogConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The flags that shape a container, as Docker's {@code run} and {@code create} take them. */
final class ContainerFlags {
    String name;
    boolean autoRemove;
    ProcessFlags process = new ProcessFlags();
    String hostname;
    String entrypoint;
    List<String> volumes = new ArrayList<>();
    List<String> tmpfs = new ArrayList<>();
    List<String> mounts = new ArrayList<>();
    List<String> volumesFrom = new ArrayList<>();
    boolean readOnly;
    String network;
    List<String> publish = new ArrayList<>();
    boolean publishAll;
    String ip;
    List<String> aliases = new ArrayList<>();
    List<String> dns = new ArrayList<>();
    List<String> dnsSearch = new ArrayList<>();
    List<String> dnsOptions = new ArrayList<>();
    List<String> addHosts = new ArrayList<>();
    String memory;
    String memorySwap;
    Double cpus;
    long cpuShares;
    long pidsLimit;
    List<String> securityOpts = new ArrayList<>();
    String userns;
    List<String> uidmaps = new ArrayList<>();
    List<String> gidmaps = new ArrayList<>();
    String logDriver;
    Map<String, String> logOpts = new LinkedHashMap<>();
    List<String> devices = new ArrayList<>();
    List<String> deviceCgroupRules = new ArrayList<>();
    boolean privileged;
    List<String> capAdd = new ArrayList<>();
    List<String> capDrop = new ArrayList<>();
    boolean explain;

    /** These flags, the process's among them, in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        spec.addOption(value(String.class, "NAME", "Assign a name to the container.", v -> name = v, "--name"));
        spec.addOption(flag("Remove the container when it exits.", v -> autoRemove = v, "--rm"));
        process.addTo(spec);
        spec.addOption(value(String.class, "NAME", "Container host name (default: the first 12 hex digits of its id).",
                v -> hostname = v, "-h", "--hostname"));
        spec.addOption(value(String.class, "CMD", "Overwrite the image's ENTRYPOINT (and drop its CMD); \"\" clears it.",
                v -> entrypoint = v, "--entrypoint"));
        spec.addOption(repeated(String.class, "[SRC:]/CTR[:OPTS]", "Bind mount a host path (/HOST, ./DIR), mount a"
                + " named volume (NAME) or an anonymous one (no SRC); OPTS ro, rw, nocopy (repeatable).", volumes,
                "-v", "--volume"));
        spec.addOption(repeated(String.class, "type=bind|volume|tmpfs,...", "Attach a filesystem mount: src=, dst=,"
                + " readonly, volume-nocopy, tmpfs-size=, tmpfs-mode= (repeatable).", mounts, "--mount"));
        spec.addOption(repeated(String.class, "CONTAINER[:ro|rw]", "Mount volumes from the specified container"
                + " (repeatable).", volumesFrom, "--volumes-from"));
        spec.addOption(repeated(String.class, "/PATH[:OPTS]", "Mount a tmpfs (repeatable).", tmpfs, "--tmpfs"));
        spec.addOption(flag("Mount the container's root filesystem read-only.", v -> readOnly = v, "--read-only"));
        spec.addOption(value(String.class, "NETWORK", "bridge (the default), a network's name, none (only lo), host,"
                + " or container:NAME (another container's network namespace).", v -> network = v, "--network", "--net"));
        spec.addOption(repeated(String.class, "[IP:][HOSTPORT:]PORT[/PROTO]",
                "Publish a container's port (or range) on the host (repeatable).", publish, "-p", "--publish"));
        spec.addOption(flag("Publish every port the image exposes to a free host port.", v -> publishAll = v,
                "-P", "--publish-all"));
        spec.addOption(value(String.class, "IPV4", "The container's address on a user network with a --subnet.",
                v -> ip = v, "--ip"));
        spec.addOption(repeated(String.class, "ALIAS", "Another name on a user network (repeatable).", aliases,
                "--network-alias", "--net-alias"));
        spec.addOption(repeated(String.class, "IP", "A DNS server for resolv.conf (repeatable).", dns, "--dns"));
        spec.addOption(repeated(String.class, "DOMAIN", "A search domain for resolv.conf (repeatable).", dnsSearch,
                "--dns-search"));
        spec.addOption(repeated(String.class, "OPTION", "A resolver option for resolv.conf (repeatable).", dnsOptions,
                "--dns-option", "--dns-opt"));
        spec.addOption(repeated(String.class, "NAME:IP", "A line of /etc/hosts; IP may be host-gateway (repeatable).",
                addHosts, "--add-host"));
        spec.addOption(value(String.class, "BYTES", "Memory limit (e.g. 16m, 1g).", v -> memory = v, "-m", "--memory"));
        spec.addOption(value(String.class, "BYTES", "Memory plus swap limit; -1 for unlimited swap.",
                v -> memorySwap = v, "--memory-swap"));
        spec.addOption(value(Double.class, "N", "Number of CPUs (e.g. 0.5).", v -> cpus = v, "--cpus"));
        spec.addOption(value(long.class, "N", "CPU shares (relative weight).", v -> cpuShares = v,
                "-c", "--cpu-shares"));
        spec.addOption(value(long.class, "N", "Limit the number of processes (-1 for unlimited).", v -> pidsLimit = v,
                "--pids-limit"));
        spec.addOption(repeated(String.class, "OPT",
                "no-new-privileges, seccomp=unconfined or seccomp=PROFILE.json (repeatable).", securityOpts,
                "--security-opt"));
        spec.addOption(value(String.class, "host|private", "host (default): the host's user namespace; private: an own"
                + " one, container root mapped to 65536 free host ids.", v -> userns = v, "--userns"));
        spec.addOption(repeated(String.class, "CONTAINER:HOST:SIZE",
                "Map container uids to host uids in a private user namespace (repeatable).", uidmaps, "--uidmap"));
        spec.addOption(repeated(String.class, "CONTAINER:HOST:SIZE",
                "Map container gids to host gids (repeatable; default: as --uidmap).", gidmaps, "--gidmap"));
        spec.addOption(value(String.class, "DRIVER", "Logging driver: json-file (the default) or none.",
                v -> logDriver = v, "--log-driver"));
        spec.addOption(pairs("KEY=VALUE", "json-file option (repeatable): max-size (default 10m), max-file (default 3).",
                logOpts, "--log-opt"));
        spec.addOption(repeated(String.class, "HOST[:CTR][:rwm]",
                "Add a host device (or a directory of them) to the container (repeatable).", devices, "--device"));
        spec.addOption(repeated(String.class, "'c|b|a MAJOR|*:MINOR|* rwm'",
                "Add a rule to the cgroup allowed devices list (repeatable).", deviceCgroupRules, "--device-cgroup-rule"));
        spec.addOption(flag("Give every capability, every host device, no seccomp filter, no masked paths, /sys and"
                + " the cgroups writable.", v -> privileged = v, "--privileged"));
        spec.addOption(repeated(String.class, "CAP", "Add a Linux capability, or ALL (repeatable).", capAdd,
                "--cap-add"));
        spec.addOption(repeated(String.class, "CAP", "Drop a Linux capability, or ALL (repeatable).", capDrop,
                "--cap-drop"));
        spec.addOption(flag("Narrate each step on stderr as it happens: namespaces, mounts, cgroups, pivot_root, exec.",
                v -> explain = v, "--explain"));
    }

    /**
     * The networking flags, each checked as Docker's CLI checks it; what depends on the store (the
     * network, {@code host-gateway}, the rules of {@code --ip}) is the planner's.
     */
    NetworkOptions networkOptions() throws CliException {
        List<PortBinding> bindings = new ArrayList<>();
        try {
            for (String p : publish) {
                bindings.addAll(PortBinding.parse(p));
            }
            for (String h : addHosts) {
                ExtraHost.parse(h, "0.0.0.0");
            }
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
        for (String server : dns) {
            if (!isIp(server)) {
                throw new CliException("invalid argument \"" + server + "\" for \"--dns\" flag: " + server
                        + " is not an ip address", ExitCodes.ENGINE);
            }
        }
        if (ip != null && !ip.isEmpty() && !Subnet.isAddress(ip)) {
            throw new CliException("invalid IPv4 address: " + ip, ExitCodes.ENGINE);
        }
        return new NetworkOptions(network, bindings, publishAll, ip, aliases, dns, dnsSearch, dnsOptions, addHosts);
    }

    /** An IPv4 address in dotted form, or an IPv6 one. */
    private static boolean isIp(String text) {
        if (!text.contains(":")) {
            return Subnet.isAddress(text);
        }
        try {
            return java.net.InetAddress.ofLiteral(text) instanceof java.net.Inet6Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    RunOptions toOptions(List<String> command) throws CliException {
        NetworkOptions networkOptions = networkOptions();
        boolean noNewPrivileges = false;
        SeccompOption seccomp = null;
        for (String opt : securityOpts) {
            if (opt.equals("no-new-privileges") || opt.equals("no-new-privileges:true") || opt.equals("no-new-privileges=true")) {
                noNewPrivileges = true;
            } else if (opt.startsWith("seccomp=") || opt.startsWith("seccomp:")) {
                try {
                    seccomp = SeccompOption.of(opt.substring("seccomp=".length()));
                } catch (LaunchException e) {
                    throw new CliException(e.getMessage(), ExitCodes.ENGINE);
                }
            } else {
                throw new CliException("--security-opt " + opt + " is not supported: only no-new-privileges and"
                        + " seccomp=unconfined|builtin|PROFILE.json", ExitCodes.ENGINE);
            }
        }
        long mem = memory == null ? 0 : ByteSizes.parse("--memory", memory);
        long swap = memorySwap == null ? 0 : memorySwap.equals("-1") ? -1 : ByteSizes.parse("--memory-swap", memorySwap);
        List<String> entry = entrypoint == null ? null : entrypoint.isEmpty() ? List.of() : List.of(entrypoint);
        Resources resources;
        LogConfig logConfig;
        UsernsMode usernsMode;
        List<DeviceMapping> deviceMappings = new ArrayList<>();
        List<DeviceRule> rules = new ArrayList<>();
        Privileges privileges;
        try {
            privileges = Privileges.of(privileged, capAdd, capDrop);
            resources = Resources.of(mem, swap, cpus == null ? 0 : Resources.nanoCpus(cpus), cpuShares, pidsLimit);
            logConfig = LogLimits.config(logDriver, logOpts);
            usernsMode = UsernsMode.of(userns, uidmaps, gidmaps);
            for (String d : devices) {
                deviceMappings.add(DeviceMapping.parse(d));
            }
            for (String r : deviceCgroupRules) {
                rules.add(DeviceRules.parse(r));
            }
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
        return new RunOptions(name, entry, command, process.environment(), process.workdir, process.user, hostname,
                process.tty, process.interactive, autoRemove, absolute(volumes), tmpfs, readOnly, networkOptions, resources,
                noNewPrivileges, explain, logConfig, usernsMode, deviceMappings, rules, seccomp, mounts, volumesFrom,
                privileges);
    }

    /** {@code -v ./dir:/x} and {@code -v .:/x} bind the directory from where the command runs, as Docker's CLI does. */
    private static List<String> absolute(List<String> volumes) {
        Path cwd = Path.of("").toAbsolutePath();
        return volumes.stream().map(v -> Volumes.absolute(v, cwd)).toList();
    }
}
