package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker container prune}: removes every container that does not run. It does not prompt. */
final class ContainerPruneCommand implements CodedCommand {
    boolean force;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "prune", "Remove all stopped containers.");
        spec.addOption(flag("Accepted for compatibility: prune never prompts.", v -> force = v, "-f", "--force"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, InterruptedException {
        Pruned pruned = prune(context);
        pruned.print(context.out);
        Pruned.printTotal(context.out, pruned.reclaimed());
        return ExitCodes.OK;
    }

    /**
     * Removes every container that does not run. What each frees is counted as Docker counts it,
     * and as {@code system df} shows it reclaimable: its writable layer.
     */
    static Pruned prune(Context context) throws StoreException, LaunchException, InterruptedException {
        Lifecycle lifecycle = context.lifecycle();
        List<String> removed = new ArrayList<>();
        long freed = 0;
        for (ContainerRecord c : context.store().containers().all()) {
            if (Lifecycle.running(c)) {
                continue;
            }
            long size = DiskUsage.sizeOf(context.writableLayer(c));
            lifecycle.remove(c, false, false);
            removed.add(c.id());
            freed += size;
        }
        return new Pruned("Deleted Containers:", removed, freed);
    }
}
