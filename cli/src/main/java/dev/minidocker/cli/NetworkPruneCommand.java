package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker network prune}: every user network no container is on. It does not prompt. */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove all unused networks.")
final class NetworkPruneCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--force"}, description = "Accepted for compatibility: prune never prompts.")
    boolean force;

    @Override
    public Integer call() throws StoreException, LaunchException {
        Context context = parent.context();
        prune(context).print(context.out);
        return ExitCodes.OK;
    }

    static Pruned prune(Context context) throws StoreException, LaunchException {
        return new Pruned("Deleted Networks:", context.networks().prune().stream().map(NetworkRecord::name).toList(), 0);
    }
}
