package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.repeated;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.volume.VolumeService;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.volume.VolumeRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker volume prune}: after Docker's question (unless {@code -f}), the anonymous
 * volumes no container uses; with {@code -a} (or {@code --filter all=true}), every unused volume,
 * as Docker 23 and later; {@code --filter label=K[=V]} and {@code label!=K[=V]} narrow them.
 */
final class VolumePruneCommand implements CodedCommand {
    boolean all;
    boolean force;
    final List<String> filters = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "prune", "Remove unused local volumes.");
        spec.addOption(flag("Remove all unused volumes, not just anonymous ones.", v -> all = v, "-a", "--all"));
        spec.addOption(flag("Do not prompt for confirmation.", v -> force = v, "-f", "--force"));
        spec.addOption(repeated(String.class, "KEY=VALUE", "Filter: label=KEY[=VALUE], label!=KEY[=VALUE], all=true.",
                filters, "--filter"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, IOException, CliException {
        Predicate<VolumeRecord> wanted = v -> true;
        for (String f : filters) {
            if (f.equals("all=true") || f.equals("all=1")) {
                all = true;
            } else if (!f.equals("all=false") && !f.equals("all=0")) {
                wanted = wanted.and(labelFilter(f));
            }
        }
        String warning = "WARNING! This will remove " + (all ? "all" : "anonymous")
                + " local volumes not used by at least one container.\nAre you sure you want to continue?";
        if (!force && !Confirmation.ask(System.in, context.out, warning)) {
            return ExitCodes.OK;
        }
        VolumeService.Pruned removed = context.volumes().prune(all, wanted);
        Pruned pruned = new Pruned("Deleted Volumes:", removed.names(), removed.bytes());
        pruned.print(context.out);
        Pruned.printTotal(context.out, pruned.reclaimed());
        return ExitCodes.OK;
    }

    /** {@code system prune --volumes}: the anonymous volumes no container uses. */
    static Pruned prune(Context context) throws StoreException, LaunchException {
        VolumeService.Pruned pruned = context.volumes().prune(false, v -> true);
        return new Pruned("Deleted Volumes:", pruned.names(), pruned.bytes());
    }

    /** A {@code --filter label=KEY[=VALUE]} or {@code label!=KEY[=VALUE]}. */
    static Predicate<VolumeRecord> labelFilter(String f) throws CliException {
        if (f.startsWith("label=")) {
            return v -> VolumeLsCommand.hasLabel(v, f.substring("label=".length()));
        }
        if (f.startsWith("label!=")) {
            return v -> !VolumeLsCommand.hasLabel(v, f.substring("label!=".length()));
        }
        throw new CliException("invalid filter '" + f + "'");
    }
}
