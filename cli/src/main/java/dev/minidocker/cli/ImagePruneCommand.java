package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;

import dev.minidocker.launcher.ImageService;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker image prune}: removes images no reference names (with {@code -a}, every image
 * no container uses), blobs and layers no image uses, and what interrupted pulls left in
 * {@code tmp/}. Mounted images and those of containers are kept. It does not ask for
 * confirmation; {@code -f} is accepted for Docker's scripts.
 */
final class ImagePruneCommand implements CodedCommand {
    boolean all;
    boolean force;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "prune", "Remove unused images, blobs and layers.");
        spec.addOption(flag("Remove all unused images, not just dangling ones.", v -> all = v, "-a", "--all"));
        spec.addOption(flag("Accepted for compatibility: prune never prompts.", v -> force = v, "-f", "--force"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException {
        Pruned pruned = prune(context, all);
        pruned.print(context.out);
        Pruned.printTotal(context.out, pruned.reclaimed());
        return ExitCodes.OK;
    }

    /**
     * What {@link ImageService#prune} removed, in Docker's lines, each deleted image's references ("untagged: ...")
     * before its id ("deleted: sha256:...").
     */
    static Pruned prune(Context context, boolean all) throws StoreException, LaunchException {
        ImageService.Pruned pruned = context.images().prune(all);
        List<String> lines = new ArrayList<>();
        for (Digest id : pruned.collected().images()) {
            for (ImageReference reference : pruned.untagged().getOrDefault(id, List.of())) {
                lines.add("untagged: " + RmiCommand.familiar(reference));
            }
            lines.add("deleted: " + id);
        }
        return new Pruned("Deleted Images:", lines, pruned.collected().bytesFreed());
    }
}
