package dev.minidocker.cli;

import dev.minidocker.launcher.ImageService;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker image prune}: removes images no reference names (with {@code -a}, every image
 * no container uses), blobs and layers no image uses, and what interrupted pulls left in
 * {@code tmp/}. Mounted images and those of containers are kept. It does not ask for
 * confirmation; {@code -f} is accepted for Docker's scripts.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove unused images, blobs and layers.")
final class ImagePruneCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Accepted for compatibility: prune never prompts.")
    boolean force;

    @Override
    public Integer call() throws StoreException, LaunchException {
        Context context = parent.context();
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
