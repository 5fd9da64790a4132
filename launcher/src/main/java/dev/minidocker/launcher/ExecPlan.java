package dev.minidocker.launcher;

import dev.minidocker.launcher.plan.ProcessPlan;
import dev.minidocker.launcher.plan.SpecBuilder;
import dev.minidocker.linux.CapabilityNames;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Users;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.Linux;
import dev.minidocker.spec.RuntimeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A command to run in a running container, as {@code docker exec} runs it: in all the container's
 * namespaces and cgroups, and by default as its user, in its working directory, with its environment
 * (Docker's: PATH and HOSTNAME, TERM with {@code -t}, the container's, then {@code -e}) and its
 * capabilities, no_new_privs and seccomp filter. Decided here; the {@code minidocker-enter} helper
 * carries it out.
 *
 * @param namespaces names under /proc/PID/ns, the mount namespace last
 * @param cgroupProcs the files to join the container's cgroups by (v1's tasks)
 * @param cloneInto the container's cgroup2 directory, which the command is born in
 * @param seccompProgram the container's compiled seccomp filter, installed as its process 1's was; null for none
 */
public record ExecPlan(List<String> namespaces, List<String> cgroupProcs, Optional<Path> cloneInto, String cwd,
        Users.ExecUser user, long bounding, long effective, long permitted, boolean noNewPrivileges,
        String seccompProgram, List<String> env, List<String> command) {

    /**
     * The spec's namespace types and their names under /proc/PID/ns, in the order the helper joins
     * them: a user namespace first, as it owns the others (joining it gives the capabilities there).
     */
    private static final Map<String, String> NAMESPACES = orderedMap("user", "user", "cgroup", "cgroup", "ipc", "ipc",
            "uts", "uts", "network", "net", "pid", "pid", "mount", "mnt");

    /**
     * @param passwd the container's /etc/passwd ("" when it has none), to resolve user names
     * @param group its /etc/group
     * @param hostEnv this command's environment, for {@code -e KEY}
     */
    public static ExecPlan of(RuntimeSpec spec, ExecOptions options, String passwd, String group,
            Function<String, String> hostEnv) throws LaunchException {
        RuntimeSpec.Process process = spec.process();
        String cwd = options.workdir() != null ? options.workdir() : process.cwd();
        if (!cwd.startsWith("/")) {
            throw new LaunchException("exec: the working directory '" + cwd + "' is invalid, it needs to be an"
                    + " absolute path");
        }
        Users.ExecUser user = user(spec, options, passwd, group);
        RuntimeSpec.Capabilities caps = process.capabilities();
        long bounding = mask(caps.bounding());
        // Docker's rule, as the shim applies it: no effective or permitted capabilities but for root.
        long permitted = user.uid() == 0 ? mask(caps.permitted()) : 0;
        long effective = user.uid() == 0 ? mask(caps.effective()) : 0;
        List<String> types = spec.linux().namespaces().stream().map(Linux.Namespace::type).toList();
        List<String> namespaces = NAMESPACES.entrySet().stream().filter(e -> types.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        // The command is born in the container's cgroup2 directory (clone3 CLONE_INTO_CGROUP) rather
        // than moved there, so it waits for no RCU grace period. Unlike the shim's JVM, the helper's
        // child is the command itself, the container's to be charged for: so on v2 too, where the
        // spec names that directory by the cgroup.procs the shim joins by.
        Optional<Path> cloneInto = SpecBuilder.cgroupCloneInto(spec);
        List<String> cgroupProcs = new ArrayList<>();
        for (Path join : SpecBuilder.cgroupJoinFiles(spec)) {
            if (cloneInto.isEmpty() && join.getFileName().toString().equals("cgroup.procs")) {
                cloneInto = Optional.of(join.getParent());
            } else {
                cgroupProcs.add(join.toString());
            }
        }
        return new ExecPlan(namespaces, List.copyOf(cgroupProcs), cloneInto, cwd, user, bounding, effective, permitted,
                process.noNewPrivileges(), spec.annotations().get(Annotations.SECCOMP),
                environment(spec, options, user.home(), hostEnv), options.command());
    }

    /**
     * {@code -u} resolved in the container's files as {@code run -u} is; without it, the container's
     * own user, resolved exactly as its process 1 was.
     */
    private static Users.ExecUser user(RuntimeSpec spec, ExecOptions options, String passwd, String group)
            throws LaunchException {
        try {
            if (options.user() != null) {
                return Users.resolve(options.user(), 0, 0, List.of(), passwd, group);
            }
            RuntimeSpec.User ids = spec.process().user();
            return Users.resolve(spec.annotations().get(Annotations.USER), ids.uid(), ids.gid(),
                    ids.additionalGids() == null ? List.of() : ids.additionalGids(), passwd, group);
        } catch (LinuxException e) {
            throw new LaunchException("exec: " + e.getMessage(), e);
        }
    }

    /**
     * Docker's exec environment (CreateDaemonEnvironment, then ReplaceOrAppendEnvValues): a variable
     * set again keeps its place; {@code -e KEY} the host lacks unsets KEY. HOME from passwd if unset.
     */
    static List<String> environment(RuntimeSpec spec, ExecOptions options, String home,
            Function<String, String> hostEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", ProcessPlan.DEFAULT_PATH);
        env.put("HOSTNAME", spec.hostname());
        if (options.tty()) {
            env.put("TERM", "xterm");
        }
        spec.process().env().forEach(e -> ProcessPlan.put(env, e));
        for (String e : options.env()) {
            if (e.contains("=")) {
                ProcessPlan.put(env, e);
            } else if (hostEnv.apply(e) != null) {
                env.put(e, hostEnv.apply(e));
            } else {
                env.remove(e);
            }
        }
        env.putIfAbsent("HOME", home);
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /**
     * How the helper gives the command its stdio (it never hands it this command's own): a pty
     * slave of the container's, {@code /dev/null} when detached, or pipes it copies to and from its
     * own stdio, its stdin included with {@code -i}.
     */
    public record Stdio(String ttySlave, boolean detach, boolean stdin) {
        public static final Stdio DETACHED = new Stdio(null, true, false);

        public static Stdio terminal(String slave) {
            return new Stdio(slave, false, false);
        }

        public static Stdio pipes(boolean stdin) {
            return new Stdio(null, false, stdin);
        }
    }

    /** The helper's command line for container process 1 {@code pid} (started at {@code startTime}). */
    public List<String> arguments(Path helper, long pid, long startTime, Stdio stdio) {
        List<String> args = new ArrayList<>(List.of(helper.toString(), "--pid", Long.toString(pid),
                "--start-time", Long.toString(startTime)));
        namespaces.forEach(ns -> args.addAll(List.of("--ns", ns)));
        cgroupProcs.forEach(procs -> args.addAll(List.of("--cgroup", procs)));
        cloneInto.ifPresent(dir -> args.addAll(List.of("--clone-into-cgroup", dir.toString())));
        if (stdio.ttySlave() != null) {
            args.addAll(List.of("--tty", stdio.ttySlave()));
        } else if (stdio.detach()) {
            args.add("--detach");
        } else if (stdio.stdin()) {
            args.add("--stdin");
        }
        args.addAll(List.of("--cwd", cwd, "--uid", Integer.toString(user.uid()), "--gid",
                Integer.toString(user.gid())));
        if (!user.groups().isEmpty()) {
            args.addAll(List.of("--groups", user.groups().stream().map(String::valueOf)
                    .collect(Collectors.joining(","))));
        }
        args.addAll(List.of("--bounding", Long.toHexString(bounding), "--effective", Long.toHexString(effective),
                "--permitted", Long.toHexString(permitted)));
        if (noNewPrivileges) {
            args.add("--no-new-privs");
        }
        if (seccompProgram != null) {
            args.addAll(List.of("--seccomp", seccompProgram));
        }
        env.forEach(e -> args.addAll(List.of("--env", e)));
        args.add("--");
        args.addAll(command);
        return args;
    }

    private static long mask(List<String> names) {
        return CapabilityNames.mask(names == null ? List.of() : names, unknown -> { });
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
