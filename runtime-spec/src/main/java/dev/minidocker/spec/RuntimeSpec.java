package dev.minidocker.spec;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI runtime {@code config.json} (runtime-spec config.md), the fields minidocker fills: the
 * plan of a container as data, written by the launcher ({@code run --dry-run} prints it) and
 * carried out by the shim. Members have the spec's names. Lists and maps are never null (absent
 * is empty, and empty ones are not written); an absent object is null.
 */
public record RuntimeSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts,
        Linux linux, Map<String, String> annotations) implements JsonWritable {

    /** The version of the spec these records follow. */
    public static final String OCI_VERSION = "1.2.0";

    public RuntimeSpec {
        mounts = Copies.list(mounts);
        annotations = Copies.map(annotations);
    }

    public static RuntimeSpec fromJson(JsonObject json) throws JsonException {
        return new RuntimeSpec(json.string("ociVersion"), json.object("process", Process::fromJson),
                json.object("root", Root::fromJson), json.string("hostname"), json.objects("mounts", Mount::fromJson),
                json.object("linux", Linux::fromJson), json.stringMap("annotations"));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().addNonNull("ociVersion", ociVersion).addNonNull("process", process)
                .addNonNull("root", root).addNonNull("hostname", hostname).addNonEmpty("mounts", mounts)
                .addNonNull("linux", linux).addNonEmpty("annotations", annotations);
    }

    /** The annotation {@code name} (see {@link Annotations}), or null. */
    public String annotation(String name) {
        return annotations.get(name);
    }

    /** This spec with one annotation set, or removed when {@code value} is null. */
    public RuntimeSpec withAnnotation(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(annotations);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new RuntimeSpec(ociVersion, process, root, hostname, mounts, linux, changed);
    }

    /** The container's process (config.md "Process"). */
    public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
            Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges) implements JsonWritable {
        public Process {
            args = Copies.list(args);
            env = Copies.list(env);
            rlimits = Copies.list(rlimits);
        }

        static Process fromJson(JsonObject json) throws JsonException {
            return new Process(json.bool("terminal"), json.object("user", User::fromJson), json.strings("args"),
                    json.strings("env"), json.string("cwd"), json.object("capabilities", Capabilities::fromJson),
                    json.objects("rlimits", Rlimit::fromJson), json.bool("noNewPrivileges"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("terminal", terminal).addNonNull("user", user).addNonEmpty("args", args)
                    .addNonEmpty("env", env).addNonNull("cwd", cwd).addNonNull("capabilities", capabilities)
                    .addNonEmpty("rlimits", rlimits).add("noNewPrivileges", noNewPrivileges);
        }
    }

    /** The user the process runs as, in numbers (config.md "POSIX process: user"). */
    public record User(int uid, int gid, List<Integer> additionalGids) implements JsonWritable {
        public User {
            additionalGids = Copies.list(additionalGids);
        }

        static User fromJson(JsonObject json) throws JsonException {
            return new User(json.integer("uid"), json.integer("gid"), json.integers("additionalGids"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().add("uid", uid).add("gid", gid).addNonEmpty("additionalGids", additionalGids);
        }
    }

    /** The process's capability sets by name, {@code CAP_CHOWN}... (config.md "Linux process: capabilities"). */
    public record Capabilities(List<String> bounding, List<String> effective, List<String> inheritable,
            List<String> permitted, List<String> ambient) implements JsonWritable {
        public Capabilities {
            bounding = Copies.list(bounding);
            effective = Copies.list(effective);
            inheritable = Copies.list(inheritable);
            permitted = Copies.list(permitted);
            ambient = Copies.list(ambient);
        }

        static Capabilities fromJson(JsonObject json) throws JsonException {
            return new Capabilities(json.strings("bounding"), json.strings("effective"), json.strings("inheritable"),
                    json.strings("permitted"), json.strings("ambient"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonEmpty("bounding", bounding).addNonEmpty("effective", effective)
                    .addNonEmpty("inheritable", inheritable).addNonEmpty("permitted", permitted)
                    .addNonEmpty("ambient", ambient);
        }
    }

    /**
     * A resource limit, {@code RLIMIT_NOFILE}... (config.md "POSIX process: rlimits"). The limits are
     * unsigned 64-bit numbers in a long's bits: RLIM_INFINITY, 2^64-1, is -1.
     */
    public record Rlimit(String type, long hard, long soft) implements JsonWritable {
        static Rlimit fromJson(JsonObject json) throws JsonException {
            return new Rlimit(json.string("type"), json.unsigned("hard"), json.unsigned("soft"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonNull("type", type).addUnsigned("hard", hard).addUnsigned("soft", soft);
        }
    }

    /** The root filesystem: a path, relative to the bundle or absolute (config.md "Root"). */
    public record Root(String path, boolean readonly) implements JsonWritable {
        static Root fromJson(JsonObject json) throws JsonException {
            return new Root(json.string("path"), json.bool("readonly"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonNull("path", path).add("readonly", readonly);
        }
    }

    /** A mount, in the order the list gives (config.md "Mounts"). */
    public record Mount(String destination, String type, String source, List<String> options)
            implements JsonWritable {
        public Mount {
            options = Copies.list(options);
        }

        static Mount fromJson(JsonObject json) throws JsonException {
            return new Mount(json.string("destination"), json.string("type"), json.string("source"),
                    json.strings("options"));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonNull("destination", destination).addNonNull("type", type)
                    .addNonNull("source", source).addNonEmpty("options", options);
        }
    }
}
