package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.volume.VolumeService;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker volume prune}: after Docker's question (unless {@code -f}), the anonymous
 * volumes no container uses; with {@code -a}, every unused volume, as Docker 23 and later.
 */
final class VolumePruneCommand implements CodedCommand {
    boolean all;
    boolean force;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "prune", "Remove unused local volumes.");
        spec.addOption(flag("Remove all unused volumes, not just anonymous ones.", v -> all = v, "-a", "--all"));
        spec.addOption(flag("Do not prompt for confirmation.", v -> force = v, "-f", "--force"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, IOException {
        String warning = "WARNING! This will remove " + (all ? "all" : "anonymous")
                + " local volumes not used by at least one container.\nAre you sure you want to continue?";
        if (!force && !Confirmation.ask(System.in, context.out, warning)) {
            return ExitCodes.OK;
        }
        Pruned pruned = prune(context, all);
        pruned.print(context.out);
        Pruned.printTotal(context.out, pruned.reclaimed());
        return ExitCodes.OK;
    }

    static Pruned prune(Context context, boolean all) throws StoreException, LaunchException {
        VolumeService.Pruned pruned = context.volumes().prune(all);
        return new Pruned("Deleted Volumes:", pruned.names(), pruned.bytes());
    }
}
