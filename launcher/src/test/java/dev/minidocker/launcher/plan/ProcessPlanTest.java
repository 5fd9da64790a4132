package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.store.oci.ImageConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProcessPlanTest {
    private static final Function<String, String> NO_HOST_ENV = k -> null;
    /** Like nginx: an entrypoint script and a CMD for it. */
    private static final ImageConfig.RunConfig NGINX = image(List.of("/docker-entrypoint.sh"),
            List.of("nginx", "-g", "daemon off;"), List.of("PATH=/usr/sbin:/usr/bin", "NGINX_VERSION=1.27.0"),
            null, null);
    /** Like busybox: only a CMD. */
    private static final ImageConfig.RunConfig BUSYBOX = image(null, List.of("sh"), null, null, null);

    private static ImageConfig.RunConfig image(List<String> entrypoint, List<String> cmd, List<String> env,
            String workdir, String user) {
        return new ImageConfig.RunConfig(user, env, entrypoint, cmd, workdir, null, null, null, null);
    }

    private static ProcessPlan plan(ImageConfig.RunConfig image, RunFlags flags) throws LaunchException {
        return ProcessPlan.of(image, flags.options(), "c0ffee123456", NO_HOST_ENV);
    }

    private static List<String> args(ImageConfig.RunConfig image, RunFlags flags) throws LaunchException {
        return plan(image, flags).args();
    }

    @Test
    void theImageRunsItsEntrypointWithItsCmd() throws Exception {
        assertEquals(List.of("/docker-entrypoint.sh", "nginx", "-g", "daemon off;"), args(NGINX, RunFlags.run()));
        assertEquals(List.of("sh"), args(BUSYBOX, RunFlags.run()));
    }

    @Test
    void argumentsAfterTheImageReplaceItsCmd() throws Exception {
        assertEquals(List.of("/docker-entrypoint.sh", "cat", "/etc/nginx/nginx.conf"),
                args(NGINX, RunFlags.run().command("cat", "/etc/nginx/nginx.conf")));
        assertEquals(List.of("echo", "hi"), args(BUSYBOX, RunFlags.run().command("echo", "hi")));
    }

    @Test
    void anEntrypointFlagDropsTheImagesCmdAndTakesTheArguments() throws Exception {
        assertEquals(List.of("/bin/sh"), args(NGINX, RunFlags.run().entrypoint("/bin/sh")));
        assertEquals(List.of("/bin/sh", "-c", "echo hi"),
                args(NGINX, RunFlags.run().entrypoint("/bin/sh").command("-c", "echo hi")));
    }

    @Test
    void anEmptyEntrypointClearsTheImagesEntrypoint() throws Exception {
        assertEquals(List.of("nginx", "-t"), args(NGINX, RunFlags.run().entrypoint().command("nginx", "-t")));
    }

    @Test
    void anEmptyEntrypointWithNoArgumentsLeavesNothingToRun() {
        // Docker too: the CLI sends [""], which keeps the image's CMD out and is then reset to no entrypoint.
        LaunchException e = assertThrows(LaunchException.class, () -> args(NGINX, RunFlags.run().entrypoint()));
        assertEquals("create container: no command specified", e.getMessage());
    }

    @Test
    void anImageWithoutCommandNeedsOneFromTheUser() throws Exception {
        ImageConfig.RunConfig scratch = image(null, null, null, null, null);
        LaunchException e = assertThrows(LaunchException.class, () -> args(scratch, RunFlags.run()));
        assertEquals("create container: no command specified", e.getMessage());
        assertEquals(List.of("/hello"), args(scratch, RunFlags.run().command("/hello")));
        assertEquals(List.of("/hello"), args(null, RunFlags.run().command("/hello")));
    }

    @Test
    void pathIsDefaultedWhenTheImageSetsNone() throws Exception {
        Map<String, String> env = env(plan(BUSYBOX, RunFlags.run()));
        assertEquals(ProcessPlan.DEFAULT_PATH, env.get("PATH"));
        assertEquals("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", env.get("PATH"));
    }

    @Test
    void theImagesEnvironmentIsKeptAndHostnameSet() throws Exception {
        ProcessPlan plan = plan(NGINX, RunFlags.run());
        assertEquals(List.of("PATH=/usr/sbin:/usr/bin", "HOSTNAME=c0ffee123456", "NGINX_VERSION=1.27.0"), plan.env());
    }

    @Test
    void envFlagsOverrideTheImage() throws Exception {
        Map<String, String> env = env(plan(NGINX, RunFlags.run().env("NGINX_VERSION=0", "EMPTY=", "A=b=c")));
        assertEquals("0", env.get("NGINX_VERSION"));
        assertEquals("", env.get("EMPTY"));
        assertEquals("b=c", env.get("A"));
        assertEquals("/usr/sbin:/usr/bin", env.get("PATH"));
    }

    @Test
    void aBareKeyCopiesTheHostsValueOrIsDropped() throws Exception {
        Map<String, String> host = Map.of("TERM", "xterm", "NGINX_VERSION", "host");
        ProcessPlan plan = ProcessPlan.of(NGINX, RunFlags.run().env("TERM", "NOT_ON_HOST").options(), "h",
                host::get);
        Map<String, String> env = env(plan);
        assertEquals("xterm", env.get("TERM"));
        assertFalse(env.containsKey("NOT_ON_HOST"));
        assertEquals("1.27.0", env.get("NGINX_VERSION"), "only named keys are copied from the host");
    }

    @Test
    void aBareKeyTheHostLacksLeavesTheImagesValue() throws Exception {
        assertEquals("1.27.0", env(plan(NGINX, RunFlags.run().env("NGINX_VERSION"))).get("NGINX_VERSION"));
    }

    @Test
    void theWorkingDirectoryIsRootUnlessTheImageOrFlagSaysOtherwise() throws Exception {
        assertEquals("/", plan(BUSYBOX, RunFlags.run()).cwd());
        assertEquals("/", plan(image(null, List.of("sh"), null, "", null), RunFlags.run()).cwd());
        ImageConfig.RunConfig app = image(null, List.of("sh"), null, "/app", null);
        assertEquals("/app", plan(app, RunFlags.run()).cwd());
        assertEquals("/tmp", plan(app, RunFlags.run().workdir("/tmp")).cwd());
    }

    @Test
    void aRelativeWorkingDirectoryIsRefused() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> plan(BUSYBOX, RunFlags.run().workdir("tmp")));
        assertEquals("create container: the working directory 'tmp' is invalid, it needs to be an absolute path",
                e.getMessage());
    }

    @Test
    void theUserIsRootUnlessTheImageOrFlagSaysOtherwise() throws Exception {
        assertEquals("0", plan(BUSYBOX, RunFlags.run()).user());
        ImageConfig.RunConfig nobody = image(null, List.of("sh"), null, null, "nobody");
        assertEquals("nobody", plan(nobody, RunFlags.run()).user());
        assertEquals("1000:1000", plan(nobody, RunFlags.run().user("1000:1000")).user());
    }

    private static Map<String, String> env(ProcessPlan plan) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : plan.env()) {
            String previous = env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
            assertNull(previous, "each variable once: " + plan.env());
        }
        return env;
    }
}
