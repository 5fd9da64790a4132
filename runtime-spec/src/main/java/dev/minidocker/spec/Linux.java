package dev.minidocker.spec;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import java.util.List;
import java.util.Map;

/**
 * The Linux part of a runtime spec (config-linux.md): namespaces and user-namespace maps, devices,
 * the cgroup and its limits, sysctls, the seccomp filter, masked and read-only paths.
 *
 * @param cgroupsPath the container's cgroup, relative to each hierarchy's root ({@code minidocker/<id>})
 * @param sysctl kernel parameters by name, {@code net.ipv4.ip_forward}...
 */
public record Linux(List<Namespace> namespaces, List<IdMapping> uidMappings, List<IdMapping> gidMappings,
        List<Device> devices, Resources resources, String cgroupsPath, Map<String, String> sysctl, Seccomp seccomp,
        List<String> maskedPaths, List<String> readonlyPaths) implements JsonWritable {

    public Linux {
        namespaces = Copies.list(namespaces);
        uidMappings = Copies.list(uidMappings);
        gidMappings = Copies.list(gidMappings);
        devices = Copies.list(devices);
        sysctl = Copies.map(sysctl);
        maskedPaths = Copies.list(maskedPaths);
        readonlyPaths = Copies.list(readonlyPaths);
    }

    static Linux fromJson(JsonObject json) throws JsonException {
        return new Linux(json.objects("namespaces", Namespace::fromJson),
                json.objects("uidMappings", IdMapping::fromJson), json.objects("gidMappings", IdMapping::fromJson),
                json.objects("devices", Device::fromJson), json.object("resources", Resources::fromJson),
                json.string("cgroupsPath"), json.stringMap("sysctl"), json.object("seccomp", Seccomp::fromJson),
                json.strings("maskedPaths"), json.strings("readonlyPaths"));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().addNonEmpty("namespaces", namespaces).addNonEmpty("uidMappings", uidMappings)
                .addNonEmpty("gidMappings", gidMappings).addNonEmpty("devices", devices)
                .addNonNull("resources", resources).addNonNull("cgroupsPath", cgroupsPath)
                .addNonEmpty("sysctl", sysctl).addNonNull("seccomp", seccomp)
                .addNonEmpty("maskedPaths", maskedPaths).addNonEmpty("readonlyPaths", readonlyPaths);
    }

    /** Whether the namespaces list {@code type} ({@code pid}, {@code network}, {@code user}...). */
    public boolean hasNamespace(String type) {
        for (Namespace namespace : namespaces) {
            if (type.equals(namespace.type())) {
                return true;
            }
        }
        return false;
    }

    /** A namespace to make, or with {@code path} one to join ({@code /proc/<pid>/ns/net}). */
    public record Namespace(String type, String path) implements JsonWritable {
        static Namespace fromJson(JsonObject json) throws JsonException {
            return new Namespace(json.string("type"), json.string("path"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonNull("type", type).addNonNull("path", path);
        }
    }

    /** One line of a user namespace's uid or gid map: {@code size} ids from {@code containerID} on are {@code hostID} on. */
    public record IdMapping(long containerID, long hostID, long size) implements JsonWritable {
        static IdMapping fromJson(JsonObject json) throws JsonException {
            return new IdMapping(json.number("containerID"), json.number("hostID"), json.number("size"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("containerID", containerID).add("hostID", hostID).add("size", size);
        }
    }

    /**
     * A device node made in the container (config-linux.md "Devices").
     *
     * @param type {@code c} (character), {@code b} (block), {@code u} (unbuffered) or {@code p} (FIFO)
     * @param fileMode the node's permission bits, or null for the runtime's default
     */
    public record Device(String path, String type, long major, long minor, Long fileMode, Long uid, Long gid)
            implements JsonWritable {
        static Device fromJson(JsonObject json) throws JsonException {
            return new Device(json.string("path"), json.string("type"), json.number("major"), json.number("minor"),
                    json.optionalNumber("fileMode"), json.optionalNumber("uid"), json.optionalNumber("gid"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonNull("path", path).addNonNull("type", type).add("major", major)
                    .add("minor", minor).addNonNull("fileMode", fileMode).addNonNull("uid", uid)
                    .addNonNull("gid", gid);
        }
    }
}
