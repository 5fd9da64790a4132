package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.store.StoreException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker network prune}: every user network no container is on. It does not prompt. */
final class NetworkPruneCommand implements CodedCommand {
    boolean force;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "prune", "Remove all unused networks.");
        spec.addOption(flag("Accepted for compatibility: prune never prompts.", v -> force = v, "-f", "--force"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException {
        prune(context).print(context.out);
        return ExitCodes.OK;
    }

    static Pruned prune(Context context) throws StoreException, LaunchException {
        return new Pruned("Deleted Networks:", context.networks().prune().stream().map(NetworkRecord::name).toList(), 0);
    }
}
