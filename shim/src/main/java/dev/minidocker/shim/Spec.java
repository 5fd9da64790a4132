package dev.minidocker.shim;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an OCI runtime config.json (runtime-spec config.md, config-linux.md) that the shim
 * carries out, with minidocker's annotations.
 */
record Spec(Process process, Root root, String hostname, List<Mount> mounts, Linux linux,
        Map<String, String> annotations) {

    static final String OVERLAY = "org.minidocker.rootfs.overlay";
    static final String CGROUP_PROCS = "org.minidocker.cgroup.procs";
    static final String CGROUP_MOUNTS = "org.minidocker.cgroup.mounts";
    static final String CONSOLE = "org.minidocker.console";
    static final String USER = "org.minidocker.user";
    static final String EXPLAIN = "org.minidocker.explain";
    static final String SECCOMP = "org.minidocker.seccomp.bpf";

    record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
            CapabilityNames capabilities, boolean noNewPrivileges, List<Rlimit> rlimits) {
    }

    record User(int uid, int gid, List<Integer> additionalGids) {
    }

    record CapabilityNames(Set<String> bounding, Set<String> effective, Set<String> permitted) {
    }

    record Rlimit(String type, long soft, long hard) {
    }

    record Root(String path, boolean readonly) {
    }

    record Mount(String destination, String type, String source, List<String> options) {
    }

    record Linux(List<String> maskedPaths, List<String> readonlyPaths, List<String> namespaces) {
    }

    /** Parses config.json; throws IllegalArgumentException naming the first fault. */
    static Spec parse(String json) {
        JsonObject doc = JsonObject.parse(json);
        JsonObject root = doc.object("root");
        if (root.string("path", null) == null) {
            throw new IllegalArgumentException("root.path is missing");
        }
        Process process = process(doc.object("process"));
        if (process.args().isEmpty()) {
            throw new IllegalArgumentException("process.args is empty: nothing to run");
        }
        JsonObject linux = doc.object("linux");
        return new Spec(process, new Root(root.string("path", null), root.bool("readonly")),
                doc.string("hostname", null),
                doc.objects("mounts").stream().map(m -> new Mount(m.string("destination", ""),
                        m.string("type", ""), m.string("source", ""), m.strings("options"))).toList(),
                new Linux(linux.strings("maskedPaths"), linux.strings("readonlyPaths"),
                        linux.objects("namespaces").stream().map(n -> n.string("type", "")).toList()),
                doc.stringMap("annotations"));
    }

    private static Process process(JsonObject p) {
        JsonObject user = p.object("user");
        JsonObject caps = p.object("capabilities");
        List<Integer> gids = user.numbers("additionalGids").stream().map(Number::intValue).toList();
        return new Process(p.bool("terminal"),
                new User((int) user.number("uid", 0), (int) user.number("gid", 0), gids),
                p.strings("args"), p.strings("env"), p.string("cwd", "/"),
                new CapabilityNames(Set.copyOf(caps.strings("bounding")), Set.copyOf(caps.strings("effective")),
                        Set.copyOf(caps.strings("permitted"))),
                p.bool("noNewPrivileges"),
                p.objects("rlimits").stream().map(r -> new Rlimit(r.string("type", ""), r.number("soft", 0),
                        r.number("hard", 0))).toList());
    }

    String annotation(String name) {
        return annotations.get(name);
    }

    boolean explain() {
        return "true".equals(annotations.get(EXPLAIN));
    }

    /**
     * True when the container has a user namespace of its own: the monitor cloned the shim into it
     * and mounted the root filesystem from idmapped layers, which the namespace's root could not.
     */
    boolean userNamespace() {
        return linux.namespaces().contains("user");
    }

    /** True when the container gets its own cgroup namespace: listed, or no list at all. */
    boolean cgroupNamespace() {
        return linux.namespaces().isEmpty() || linux.namespaces().contains("cgroup");
    }
}
