package dev.minidocker.shim;

import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.Linux;
import dev.minidocker.spec.Resources.DeviceRule;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import java.util.List;

/**
 * config.json as the shim carries it out: checked for what the shim cannot do without (the root's
 * path, a command to run), with what a spec may leave out filled in as runc fills it (user 0:0,
 * working directory /, no capabilities, no Linux settings), so that no step meets a null.
 */
final class SpecReader {
    private static final RuntimeSpec.User ROOT = new RuntimeSpec.User(0, 0, List.of());
    private static final RuntimeSpec.Capabilities NO_CAPABILITIES = new RuntimeSpec.Capabilities(null, null, null,
            null, null);
    private static final Linux NO_LINUX = new Linux(null, null, null, null, null, null, null, null, null, null);

    private SpecReader() {
    }

    static RuntimeSpec read(byte[] json) throws JsonException {
        RuntimeSpec spec = JsonObject.read(json, RuntimeSpec::fromJson);
        if (spec.root() == null || spec.root().path() == null) {
            throw new JsonException("root.path is missing");
        }
        RuntimeSpec.Process p = spec.process();
        if (p == null || p.args().isEmpty()) {
            throw new JsonException("process.args is empty: nothing to run");
        }
        RuntimeSpec.Process process = new RuntimeSpec.Process(p.terminal(), p.user() != null ? p.user() : ROOT,
                p.args(), p.env(), p.cwd() != null ? p.cwd() : "/",
                p.capabilities() != null ? p.capabilities() : NO_CAPABILITIES, p.rlimits(), p.noNewPrivileges());
        return new RuntimeSpec(spec.ociVersion(), process, spec.root(), spec.hostname(), spec.mounts(),
                spec.linux() != null ? spec.linux() : NO_LINUX, spec.annotations());
    }

    /** The device cgroup's rules ({@code linux.resources.devices}), in order; none when the spec has no resources. */
    static List<DeviceRule> deviceRules(RuntimeSpec spec) {
        return spec.linux().resources() == null ? List.of() : spec.linux().resources().devices();
    }

    /** Whether the launcher asked for each step to be narrated ({@code --explain}). */
    static boolean explain(RuntimeSpec spec) {
        return "true".equals(spec.annotation(Annotations.EXPLAIN));
    }

    /**
     * True when the container has a user namespace of its own: the monitor cloned the shim into it
     * and mounted the root filesystem from idmapped layers, which the namespace's root could not.
     */
    static boolean userNamespace(RuntimeSpec spec) {
        return spec.linux().hasNamespace("user");
    }

    /** True when the container gets its own cgroup namespace: listed, or no list at all. */
    /** Whether the cgroup filesystem is mounted read-only: unless its mount says otherwise (a privileged container). */
    static boolean cgroupReadOnly(RuntimeSpec spec) {
        for (RuntimeSpec.Mount m : spec.mounts()) {
            if (m.type().equals("cgroup") || m.type().equals("cgroup2")) {
                return m.options().contains("ro");
            }
        }
        return true;
    }

    static boolean cgroupNamespace(RuntimeSpec spec) {
        return spec.linux().namespaces().isEmpty() || spec.linux().hasNamespace("cgroup");
    }
}
