package dev.minidocker.store.container;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
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
public record ContainerRecord(String id, String name, String image, Digest imageId, String created,
        Config config, HostConfig hostConfig, ContainerState state) implements JsonWritable {

    public static ContainerRecord fromJson(JsonObject json) throws JsonException {
        return new ContainerRecord(json.string("id"), json.string("name"), json.string("image"),
                json.string("imageId", Digest::parse), json.string("created"), json.object("config", Config::fromJson),
                json.object("hostConfig", HostConfig::fromJson), json.object("state", ContainerState::fromJson));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().addNonNull("id", id).addNonNull("name", name).addNonNull("image", image)
                .addNonNull("imageId", imageId).addNonNull("created", created).addNonNull("config", config)
                .addNonNull("hostConfig", hostConfig).addNonNull("state", state);
    }

    /** What runs: Docker's Config. */
    public record Config(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir, String user,
            String hostname, boolean tty, boolean openStdin, String stopSignal) implements JsonWritable {
        static Config fromJson(JsonObject json) throws JsonException {
            return new Config(json.strings("entrypoint"), json.strings("cmd"), json.strings("env"),
                    json.string("workingDir"), json.string("user"), json.string("hostname"), json.bool("tty"),
                    json.bool("openStdin"), json.string("stopSignal"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonNull("entrypoint", entrypoint).addNonNull("cmd", cmd).addNonNull("env", env)
                    .addNonNull("workingDir", workingDir).addNonNull("user", user).addNonNull("hostname", hostname)
                    .add("tty", tty).add("openStdin", openStdin).addNonNull("stopSignal", stopSignal);
        }
    }

    /**
     * How it runs: Docker's HostConfig.
     *
     * @param networkMode Docker's NetworkMode: {@code bridge}, a network's name, {@code none}, {@code host} or
     *     {@code container:ID}
     * @param usernsMode Docker's UsernsMode: "" (the host's user namespace) or "private"
     * @param idMappings the uid and gid maps of a private user namespace, null without one
     * @param mounts the binds and volumes it mounts, as Docker's MountPoints: from {@code -v}, {@code --mount},
     *     {@code --volumes-from} and the image's VOLUMEs (empty for a container made before minidocker had volumes)
     * @param networking the ports, names and addresses asked for; null in a record made before networks
     */
    public record HostConfig(long memory, long memorySwap, long nanoCpus, long cpuShares, long pidsLimit,
            List<String> binds, List<String> tmpfs, boolean readOnly, boolean autoRemove, String networkMode,
            List<String> securityOpt, LogConfig logConfig, String usernsMode, IdMappings idMappings,
            List<MountPoint> mounts, Privileges privileges, Networking networking) implements JsonWritable {
        public HostConfig {
            mounts = mounts == null ? List.of() : List.copyOf(mounts);
            privileges = privileges == null ? Privileges.NONE : privileges;
        }

        /** These settings with other limits ({@code update}). */
        public HostConfig withLimits(long newMemory, long newMemorySwap, long newNanoCpus, long newCpuShares,
                long newPidsLimit) {
            return new HostConfig(newMemory, newMemorySwap, newNanoCpus, newCpuShares, newPidsLimit, binds, tmpfs,
                    readOnly, autoRemove, networkMode, securityOpt, logConfig, usernsMode, idMappings, mounts, privileges,
                    networking);
        }

        /** Docker's HostConfig.Privileged. */
        public boolean privileged() {
            return privileges.privileged();
        }

        static HostConfig fromJson(JsonObject json) throws JsonException {
            return new HostConfig(json.number("memory"), json.number("memorySwap"), json.number("nanoCpus"),
                    json.number("cpuShares"), json.number("pidsLimit"), json.strings("binds"), json.strings("tmpfs"),
                    json.bool("readOnly"), json.bool("autoRemove"), json.string("networkMode"),
                    json.strings("securityOpt"), json.object("logConfig", LogConfig::fromJson),
                    json.string("usernsMode"), json.object("idMappings", IdMappings::fromJson),
                    json.objects("mounts", MountPoint::fromJson), json.object("privileges", Privileges::fromJson),
                    json.object("networking", Networking::fromJson));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("memory", memory).add("memorySwap", memorySwap).add("nanoCpus", nanoCpus)
                    .add("cpuShares", cpuShares).add("pidsLimit", pidsLimit).addNonNull("binds", binds)
                    .addNonNull("tmpfs", tmpfs).add("readOnly", readOnly).add("autoRemove", autoRemove)
                    .addNonNull("networkMode", networkMode).addNonNull("securityOpt", securityOpt)
                    .addNonNull("logConfig", logConfig).addNonNull("usernsMode", usernsMode)
                    .addNonNull("idMappings", idMappings).addNonNull("mounts", mounts.isEmpty() ? null : mounts)
                    .addNonNull("privileges", privileges.none() ? null : privileges)
                    .addNonNull("networking", networking);
        }

        /** The same, with {@code networking} in place of its own ({@code network connect} and {@code disconnect}). */
        public HostConfig withNetworking(Networking n) {
            return new HostConfig(memory, memorySwap, nanoCpus, cpuShares, pidsLimit, binds, tmpfs, readOnly, autoRemove,
                    networkMode, securityOpt, logConfig, usernsMode, idMappings, mounts, privileges, n);
        }
    }

    /**
     * What a container may do and reach beyond Docker's defaults: Docker's HostConfig.Privileged,
     * CapAdd, CapDrop, Devices and DeviceCgroupRules, as the flags gave them.
     */
    public record Privileges(boolean privileged, List<String> capAdd, List<String> capDrop, List<Device> devices,
            List<String> deviceCgroupRules) implements JsonWritable {
        public static final Privileges NONE = new Privileges(false, List.of(), List.of(), List.of(), List.of());

        public Privileges {
            capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
            capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
            devices = devices == null ? List.of() : List.copyOf(devices);
            deviceCgroupRules = deviceCgroupRules == null ? List.of() : List.copyOf(deviceCgroupRules);
        }

        /**
         * Whether it asks for nothing beyond Docker's defaults. Field by field: a record's equals is
         * bootstrapped at its first call, which spins classes on every run's way.
         */
        public boolean none() {
            return !privileged && capAdd.isEmpty() && capDrop.isEmpty() && devices.isEmpty()
                    && deviceCgroupRules.isEmpty();
        }

        static Privileges fromJson(JsonObject json) throws JsonException {
            return new Privileges(json.bool("privileged"), json.strings("capAdd"), json.strings("capDrop"),
                    json.objects("devices", Device::fromJson), json.strings("deviceCgroupRules"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("privileged", privileged).add("capAdd", capAdd).add("capDrop", capDrop)
                    .add("devices", devices).add("deviceCgroupRules", deviceCgroupRules);
        }
    }

    /** A {@code --device}: Docker's DeviceMapping. */
    public record Device(String pathOnHost, String pathInContainer, String cgroupPermissions)
            implements JsonWritable {
        static Device fromJson(JsonObject json) throws JsonException {
            return new Device(json.string("pathOnHost"), json.string("pathInContainer"),
                    json.string("cgroupPermissions"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("pathOnHost", pathOnHost).add("pathInContainer", pathInContainer)
                    .add("cgroupPermissions", cgroupPermissions);
        }
    }

    /**
     * A bind or a volume the container mounts.
     *
     * @param type {@code bind} or {@code volume}
     * @param name the volume's name; null for a bind
     * @param source the host directory bound: a bind's source, a volume's files
     */
    public record MountPoint(String type, String name, String source, String destination, boolean readOnly)
            implements JsonWritable {
        public static final String BIND = "bind";
        public static final String VOLUME = "volume";

        public boolean isVolume() {
            return VOLUME.equals(type);
        }

        static MountPoint fromJson(JsonObject json) throws JsonException {
            return new MountPoint(json.string("type"), json.string("name"), json.string("source"),
                    json.string("destination"), json.bool("readOnly"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("type", type).addNonNull("name", name).add("source", source)
                    .add("destination", destination).add("readOnly", readOnly);
        }
    }

    /**
     * How the container is networked, as Docker keeps it: HostConfig's PortBindings, PublishAllPorts,
     * Dns, DnsSearch, DnsOptions and ExtraHosts, Config's ExposedPorts ({@code 80/tcp}), and
     * NetworkingConfig's endpoints: the bridge networks it joins at each start, with the address and
     * aliases asked for on each.
     *
     * @param extraHosts {@code --add-host} as given ({@code NAME:IP}, {@code NAME:host-gateway})
     */
    public record Networking(List<PortBinding> portBindings, boolean publishAllPorts, List<String> exposedPorts,
            List<String> dns, List<String> dnsSearch, List<String> dnsOptions, List<String> extraHosts,
            List<EndpointConfig> networks) implements JsonWritable {
        public Networking {
            portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
            exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
            dns = dns == null ? List.of() : List.copyOf(dns);
            dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
            dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
            extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
            networks = networks == null ? List.of() : List.copyOf(networks);
        }

        static Networking fromJson(JsonObject json) throws JsonException {
            return new Networking(json.objects("portBindings", PortBinding::fromJson), json.bool("publishAllPorts"),
                    json.strings("exposedPorts"), json.strings("dns"), json.strings("dnsSearch"),
                    json.strings("dnsOptions"), json.strings("extraHosts"),
                    json.objects("networks", EndpointConfig::fromJson));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("portBindings", portBindings).add("publishAllPorts", publishAllPorts)
                    .add("exposedPorts", exposedPorts).add("dns", dns).add("dnsSearch", dnsSearch)
                    .add("dnsOptions", dnsOptions).add("extraHosts", extraHosts).add("networks", networks);
        }

        /** The same on {@code endpoints} in place of its own. */
        public Networking withNetworks(List<EndpointConfig> endpoints) {
            return new Networking(portBindings, publishAllPorts, exposedPorts, dns, dnsSearch, dnsOptions, extraHosts,
                    endpoints);
        }
    }

    /**
     * One {@code -p}, as Docker's HostConfig.PortBindings keeps it: the container port with its
     * protocol ({@code 80/tcp}), the host address ({@code ""} for all) and host port ({@code ""} for
     * any free one, {@code 8080}, or a range {@code 8000-8010}).
     */
    public record PortBinding(String containerPort, String hostIp, String hostPort) implements JsonWritable {
        static PortBinding fromJson(JsonObject json) throws JsonException {
            return new PortBinding(json.string("containerPort"), json.string("hostIp"), json.string("hostPort"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("containerPort", containerPort).add("hostIp", hostIp).add("hostPort", hostPort);
        }
    }

    /** A network the container joins: its name or id, the address asked for ({@code --ip}, null for any) and {@code --network-alias}es. */
    public record EndpointConfig(String network, String ipAddress, List<String> aliases) implements JsonWritable {
        public EndpointConfig {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        static EndpointConfig fromJson(JsonObject json) throws JsonException {
            return new EndpointConfig(json.string("network"), json.string("ipAddress"), json.strings("aliases"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("network", network).addNonNull("ipAddress", ipAddress).add("aliases", aliases);
        }
    }

    /** Podman's HostConfig.IDMappings: {@code CONTAINER:HOST:SIZE} lines, as {@code --uidmap} takes them. */
    public record IdMappings(List<String> uidMap, List<String> gidMap) implements JsonWritable {
        static IdMappings fromJson(JsonObject json) throws JsonException {
            return new IdMappings(json.strings("uidMap"), json.strings("gidMap"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("uidMap", uidMap).add("gidMap", gidMap);
        }
    }

    /** Docker's LogConfig: the log driver ({@code json-file} or {@code none}) and its {@code --log-opt}s. */
    public record LogConfig(String type, Map<String, String> config) implements JsonWritable {
        public LogConfig {
            config = config == null ? Map.of() : Map.copyOf(config);
        }

        static LogConfig fromJson(JsonObject json) throws JsonException {
            return new LogConfig(json.string("type"), json.stringMap("config"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("type", type).add("config", config);
        }
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    public ContainerRecord withState(ContainerState s) {
        return new ContainerRecord(id, name, image, imageId, created, config, hostConfig, s);
    }

    public ContainerRecord withHostConfig(HostConfig h) {
        return new ContainerRecord(id, name, image, imageId, created, config, h, state);
    }

    public ContainerRecord withName(String n) {
        return new ContainerRecord(id, n, image, imageId, created, config, hostConfig, state);
    }}
