package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.oci.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the container runs, combined as Docker combines it: ENTRYPOINT + CMD, where arguments
 * after the image replace CMD and {@code --entrypoint} clears the image's CMD; the image's
 * environment, then {@code -e}; PATH defaulted when the image has none.
 */
public record ProcessPlan(List<String> args, List<String> env, String cwd, String user) {
    /** Docker's PATH for images that set none (moby daemon/pkg/oci defaultUnixPathEnv). */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static ProcessPlan of(ImageConfig.RunConfig image, RunOptions options, String hostname,
            Function<String, String> hostEnv) throws LaunchException {
        ImageConfig.RunConfig config = image != null ? image
                : new ImageConfig.RunConfig(null, null, null, null, null, null, null, null, null);
        List<String> args = new ArrayList<>(entrypoint(image, options));
        args.addAll(cmd(image, options));
        if (args.isEmpty()) {
            throw new LaunchException("create container: no command specified");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOSTNAME", hostname);
        for (String e : orEmpty(config.env())) {
            put(env, e);
        }
        for (String e : options.env()) {
            if (e.contains("=")) {
                put(env, e);
            } else if (hostEnv.apply(e) != null) {
                env.put(e, hostEnv.apply(e));
            }
        }
        List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        String cwd = options.workdir() != null ? options.workdir()
                : config.workingDir() == null || config.workingDir().isEmpty() ? "/" : config.workingDir();
        if (!cwd.startsWith("/")) {
            throw new LaunchException("create container: the working directory '" + cwd + "' is invalid, it needs"
                    + " to be an absolute path");
        }
        String user = options.user() != null ? options.user() : config.user();
        return new ProcessPlan(List.copyOf(args), envList, cwd, user == null || user.isEmpty() ? "0" : user);
    }

    /** The container's ENTRYPOINT: {@code --entrypoint}'s, else the image's. */
    public static List<String> entrypoint(ImageConfig.RunConfig image, RunOptions options) {
        return options.entrypoint() != null ? options.entrypoint() : image == null ? List.of() : orEmpty(image.entrypoint());
    }

    /** The container's CMD: the arguments after the image, else none with {@code --entrypoint}, else the image's. */
    public static List<String> cmd(ImageConfig.RunConfig image, RunOptions options) {
        if (!options.command().isEmpty()) {
            return options.command();
        }
        return options.entrypoint() != null || image == null ? List.of() : orEmpty(image.cmd());
    }

    /** Sets the variable of a {@code NAME=value} entry; one without '=' is none and ignored. */
    public static void put(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
