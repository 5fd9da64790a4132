package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * Untags, when {@code all}, every image that no container uses and no mount shows, then
     * collects the garbage: Docker's lines, each deleted image's references ("untagged: ...")
     * before its id ("deleted: sha256:...").
     */
    static Pruned prune(Context context, boolean all) throws StoreException, LaunchException {
        Store store = context.store();
        Set<Digest> inUse = context.imagesInUse();
        Map<Digest, List<String>> untagged = new HashMap<>();
        if (all) {
            for (ImageRecord image : store.images().all()) {
                if (!inUse.contains(image.id())) {
                    untagged.put(image.id(), store.images().untagAll(image.id()));
                }
            }
        }
        Store.Collected collected = store.collectGarbage(inUse);
        List<String> lines = new ArrayList<>();
        for (Digest id : collected.images()) {
            for (String reference : untagged.getOrDefault(id, List.of())) {
                lines.add("untagged: " + RmiCommand.familiar(ImageReference.parse(reference)));
            }
            lines.add("deleted: " + id);
        }
        return new Pruned("Deleted Images:", lines, collected.bytesFreed());
    }
}
