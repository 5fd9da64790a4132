package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker image prune}: removes images no reference names, blobs and layers no image
 * uses, and what interrupted pulls left in {@code tmp/}. Mounted images and those of containers are kept. It does not ask
 * for confirmation; {@code -f} is accepted for Docker's scripts.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove unused images, blobs and layers.")
final class ImagePruneCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--force"}, description = "Accepted for compatibility: prune never prompts.")
    boolean force;

    @Override
    public Integer call() throws StoreException, LaunchException {
        Context context = parent.context();
        Store.Collected collected = context.store().collectGarbage(context.imagesInUse());
        if (!collected.images().isEmpty()) {
            context.out.println("Deleted Images:");
            collected.images().forEach(id -> context.out.println("deleted: " + id));
            context.out.println();
        }
        context.out.println("Total reclaimed space: " + HumanSize.format(collected.bytesFreed()));
        return ExitCodes.OK;
    }
}
