package dev.minidocker.spec;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import java.util.List;

/**
 * The container cgroup's limits (config-linux.md "Control groups"): the device rules, memory, CPU
 * and pids. A limit left null is not set.
 */
public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) implements JsonWritable {
    public Resources {
        devices = Copies.list(devices);
    }

    static Resources fromJson(JsonObject json) throws JsonException {
        return new Resources(json.objects("devices", DeviceRule::fromJson), json.object("memory", Memory::fromJson),
                json.object("cpu", Cpu::fromJson), json.object("pids", Pids::fromJson));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().addNonEmpty("devices", devices).addNonNull("memory", memory)
                .addNonNull("cpu", cpu).addNonNull("pids", pids);
    }

    /**
     * One rule of the device cgroup, applied in order: allow or deny {@code access} ({@code r},
     * {@code w}, {@code m} in any mix) to devices of {@code type} ({@code a} all, {@code c}, {@code b});
     * a null major or minor number is every one ({@code *}).
     */
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access)
            implements JsonWritable {
        static DeviceRule fromJson(JsonObject json) throws JsonException {
            return new DeviceRule(json.bool("allow"), json.string("type"), json.optionalNumber("major"),
                    json.optionalNumber("minor"), json.string("access"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("allow", allow).addNonNull("type", type).addNonNull("major", major)
                    .addNonNull("minor", minor).addNonNull("access", access);
        }
    }

    /** Memory in bytes; {@code swap} is memory and swap together, -1 for no limit. */
    public record Memory(Long limit, Long reservation, Long swap) implements JsonWritable {
        static Memory fromJson(JsonObject json) throws JsonException {
            return new Memory(json.optionalNumber("limit"), json.optionalNumber("reservation"),
                    json.optionalNumber("swap"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonNull("limit", limit).addNonNull("reservation", reservation)
                    .addNonNull("swap", swap);
        }
    }

    /**
     * CPU: a relative weight ({@code shares}), at most {@code quota} microseconds of each
     * {@code period}, and the CPUs it may run on ({@code cpus}, as {@code 0-2,4}).
     */
    public record Cpu(Long shares, Long quota, Long period, String cpus) implements JsonWritable {
        static Cpu fromJson(JsonObject json) throws JsonException {
            return new Cpu(json.optionalNumber("shares"), json.optionalNumber("quota"), json.optionalNumber("period"),
                    json.string("cpus"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonNull("shares", shares).addNonNull("quota", quota)
                    .addNonNull("period", period).addNonNull("cpus", cpus);
        }
    }

    /** The most tasks the cgroup may hold; -1 for no limit. */
    public record Pids(long limit) implements JsonWritable {
        static Pids fromJson(JsonObject json) throws JsonException {
            return new Pids(json.number("limit"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("limit", limit);
        }
    }
}
