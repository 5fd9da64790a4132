package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.plan.RunOptions;
import dev.minidocker.launcher.plan.Source;
import dev.minidocker.spec.json.Json;
import dev.minidocker.store.StoreException;
import java.nio.charset.StandardCharsets;

/**
 * {@code run --dry-run}: the plan alone, nothing created: the runtime spec the container would run
 * (an OCI config.json), with everything that would be applied, its cgroup's limits included.
 */
final class DryRun {
    private DryRun() {
    }

    static int print(Context context, Source source, RunOptions options)
            throws LaunchException, StoreException {
        var spec = context.planner().dryRun(source, options, Context.CGROUP_ROOT).spec();
        context.out.println(new String(Json.write(spec), StandardCharsets.UTF_8));
        return ExitCodes.OK;
    }
}
