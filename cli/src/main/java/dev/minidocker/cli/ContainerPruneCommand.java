package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker container prune}: removes every container that does not run. It does not prompt. */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove all stopped containers.")
final class ContainerPruneCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--force"}, description = "Accepted for compatibility: prune never prompts.")
    boolean force;

    @Override
    public Integer call() throws StoreException, LaunchException, InterruptedException {
        Context context = parent.context();
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
            lifecycle.remove(c, false);
            removed.add(c.id());
            freed += size;
        }
        return new Pruned("Deleted Containers:", removed, freed);
    }
}
