package dev.minidocker.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.LogLimits;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.container.ContainerStatus;
import java.util.List;

/** A container as Docker's {@code inspect} shows it: its record, spec and overlay with Docker's field names. */
final class ContainerJson {
    /** Go's zero time, which Docker shows for what has not happened. */
    private static final String NEVER = "0001-01-01T00:00:00Z";

    private ContainerJson() {
    }

    static ObjectNode of(Starter starter, Lifecycle lifecycle, ContainerRecord c) throws LaunchException {
        ObjectNode node = DockerJson.object();
        node.put("Id", c.id());
        node.put("Created", c.created());
        RuntimeSpec spec = spec(starter, c.id());
        List<String> args = spec == null || spec.process() == null ? List.of() : spec.process().args();
        node.put("Path", args.isEmpty() ? "" : args.getFirst());
        ArrayNode argv = node.putArray("Args");
        args.stream().skip(1).forEach(argv::add);
        state(node.putObject("State"), c, lifecycle);
        node.put("Image", c.imageId() != null ? c.imageId().toString() : c.image());
        node.put("Name", "/" + c.name());
        ObjectNode config = node.putObject("Config");
        config(config, c);
        NetworkSettingsJson.exposedPorts(config, c);
        ObjectNode hostConfig = node.putObject("HostConfig");
        hostConfig(hostConfig, c);
        NetworkSettingsJson.hostConfig(hostConfig, c);
        mounts(node.putArray("Mounts"), c);
        NetworkSettingsJson.networkSettings(node.putObject("NetworkSettings"), c, starter.networking(),
                lifecycle.init(c).orElse(0));
        ObjectNode driver = node.putObject("GraphDriver");
        driver.put("Name", "overlay");
        ObjectNode data = driver.putObject("Data");
        String overlay = spec == null ? "" : spec.annotations().getOrDefault(Annotations.OVERLAY, "");
        data.put("LowerDir", option(overlay, "lowerdir"));
        data.put("MergedDir", starter.dirs(c.id()).rootfs().toString());
        data.put("UpperDir", starter.dirs(c.id()).upper().toString());
        data.put("WorkDir", starter.dirs(c.id()).work().toString());
        return node;
    }

    private static RuntimeSpec spec(Starter starter, String id) {
        try {
            return starter.spec(id);
        } catch (LaunchException e) {
            return null;
        }
    }

    private static void state(ObjectNode node, ContainerRecord c, Lifecycle lifecycle) throws LaunchException {
        ContainerState s = c.state();
        boolean paused = lifecycle.paused(c);
        node.put("Status", paused ? "paused" : s.status().word());
        node.put("Running", s.status() == ContainerStatus.RUNNING);
        node.put("Paused", paused);
        node.put("Restarting", false);
        node.put("OOMKilled", s.oomKilled());
        node.put("Dead", false);
        node.put("Pid", lifecycle.init(c).orElse(0));
        node.put("ExitCode", s.exitCode());
        node.put("Error", s.error() == null ? "" : s.error());
        node.put("StartedAt", s.startedAt() == null ? NEVER : s.startedAt());
        node.put("FinishedAt", s.finishedAt() == null ? NEVER : s.finishedAt());
    }

    private static void config(ObjectNode node, ContainerRecord c) {
        ContainerRecord.Config config = c.config();
        node.put("Hostname", config.hostname());
        node.put("User", config.user() == null ? "" : config.user());
        node.put("Tty", config.tty());
        node.put("OpenStdin", config.openStdin());
        strings(node, "Env", config.env());
        strings(node, "Cmd", config.cmd());
        node.put("Image", c.image());
        node.put("WorkingDir", config.workingDir() == null ? "" : config.workingDir());
        strings(node, "Entrypoint", config.entrypoint());
        if (config.stopSignal() != null) {
            node.put("StopSignal", config.stopSignal());
        }
    }

    private static void hostConfig(ObjectNode node, ContainerRecord c) {
        ContainerRecord.HostConfig h = c.hostConfig();
        strings(node, "Binds", h.binds());
        node.put("NetworkMode", h.networkMode());
        node.put("AutoRemove", h.autoRemove());
        node.put("ReadonlyRootfs", h.readOnly());
        strings(node, "SecurityOpt", h.securityOpt());
        ContainerRecord.Privileges p = h.privileges();
        node.put("Privileged", p.privileged());
        strings(node, "CapAdd", p.capAdd().isEmpty() ? null : p.capAdd());
        strings(node, "CapDrop", p.capDrop().isEmpty() ? null : p.capDrop());
        ArrayNode devices = node.putArray("Devices");
        for (ContainerRecord.Device d : p.devices()) {
            devices.addObject().put("PathOnHost", d.pathOnHost()).put("PathInContainer", d.pathInContainer())
                    .put("CgroupPermissions", d.cgroupPermissions());
        }
        strings(node, "DeviceCgroupRules", p.deviceCgroupRules().isEmpty() ? null : p.deviceCgroupRules());
        ObjectNode tmpfs = node.putObject("Tmpfs");
        for (String t : h.tmpfs() == null ? List.<String>of() : h.tmpfs()) {
            int colon = t.indexOf(':');
            tmpfs.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        node.put("Memory", h.memory());
        node.put("MemorySwap", h.memorySwap());
        node.put("NanoCpus", h.nanoCpus());
        node.put("CpuShares", h.cpuShares());
        if (h.pidsLimit() > 0) {
            node.put("PidsLimit", h.pidsLimit());
        } else {
            node.putNull("PidsLimit");
        }
        ObjectNode log = node.putObject("LogConfig");
        ContainerRecord.LogConfig logConfig = h.logConfig() != null ? h.logConfig() : LogLimits.defaults();
        log.put("Type", logConfig.type());
        ObjectNode opts = log.putObject("Config");
        logConfig.config().forEach(opts::put);
        node.put("UsernsMode", h.usernsMode() == null ? "" : h.usernsMode());
        if (h.idMappings() != null) {
            // Podman's field: Docker has none, its user namespaces being one per daemon.
            ObjectNode ids = node.putObject("IDMappings");
            strings(ids, "UidMap", h.idMappings().uidMap());
            strings(ids, "GidMap", h.idMappings().gidMap());
        }
    }

    /** The binds and volumes as Docker lists them in Mounts (a container older than volumes: its binds). */
    private static void mounts(ArrayNode mounts, ContainerRecord c) {
        if (!c.hostConfig().mounts().isEmpty()) {
            for (ContainerRecord.MountPoint p : c.hostConfig().mounts()) {
                ObjectNode m = mounts.addObject();
                m.put("Type", p.type());
                if (p.isVolume()) {
                    m.put("Name", p.name());
                }
                m.put("Source", p.source());
                m.put("Destination", p.destination());
                if (p.isVolume()) {
                    m.put("Driver", "local");
                }
                m.put("Mode", p.readOnly() ? "ro" : "");
                m.put("RW", !p.readOnly());
                m.put("Propagation", p.isVolume() ? "" : "rprivate");
            }
            return;
        }
        for (String bind : c.hostConfig().binds() == null ? List.<String>of() : c.hostConfig().binds()) {
            String[] parts = bind.split(":");
            if (parts.length < 2) {
                continue;
            }
            String mode = parts.length > 2 ? parts[2] : "";
            ObjectNode m = mounts.addObject();
            m.put("Type", "bind");
            m.put("Source", parts[0]);
            m.put("Destination", parts[1]);
            m.put("Mode", mode);
            m.put("RW", !List.of(mode.split(",")).contains("ro"));
            m.put("Propagation", "rprivate");
        }
    }

    /** {@code field} as a JSON array of {@code values}, or null as Docker's Go encoder writes a nil slice. */
    static void strings(ObjectNode node, String field, List<String> values) {
        if (values == null) {
            node.putNull(field);
        } else {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    /** One option of an overlay mount's option string ("lowerdir=a:b,upperdir=..."). */
    private static String option(String options, String key) {
        for (String o : options.split(",")) {
            if (o.startsWith(key + "=")) {
                return o.substring(key.length() + 1);
            }
        }
        return "";
    }
}
