package dev.minidocker.cli;

import dev.minidocker.launcher.ImageMounts;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.TagEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker rmi}: removes references, then the images no reference names any more, then
 * the blobs and layers no image uses. A reference removes only itself; an id removes the image
 * (with {@code -f} even when several references or a mount use it). An image that a container uses
 * is refused; with {@code -f} it is untagged and kept until the container is removed, as Docker does.
 */
@Command(name = "rmi", mixinStandardHelpOptions = true, description = "Remove one or more images.")
final class RmiCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--force"}, description = "Remove the image even if several references or a mount use it.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    public Integer call() throws StoreException, LaunchException {
        Context context = parent.context();
        Store store = context.store();
        ImageMounts mounts = context.imageMounts();
        int status = ExitCodes.OK;
        for (String name : images) {
            try {
                remove(context, store, mounts, name);
            } catch (CliException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        Store.Collected collected = store.collectGarbage(context.imagesInUse());
        collected.images().forEach(id -> context.out.println("Deleted: " + id));
        return status;
    }

    private void remove(Context context, Store store, ImageMounts mounts, String name)
            throws CliException, StoreException, LaunchException {
        ImageRecord image = context.image(name);
        Optional<ImageReference> byReference = reference(store, name);
        List<String> references = store.images().tags().entrySet().stream()
                .filter(e -> e.getValue().image().equals(image.id())).map(Map.Entry::getKey).toList();
        if (byReference.isPresent() && references.size() > 1) {
            store.images().untag(byReference.get());
            context.out.println("Untagged: " + familiar(byReference.get()));
            return;
        }
        var user = store.containers().all().stream().filter(c -> image.id().equals(c.imageId())).findFirst();
        if (user.isPresent() && !force) {
            throw new CliException("conflict: unable to remove repository reference \"" + name
                    + "\" (must force) - container " + user.get().shortId() + " is using its referenced image "
                    + image.id().shortHex());
        }
        if (!force && references.size() > 1) {
            throw new CliException("conflict: unable to delete " + image.id().shortHex()
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        if (mounts.isMounted(image.id())) {
            if (!force) {
                throw new CliException("image " + image.id().shortHex() + " is mounted: run 'minidocker image unmount "
                        + name + "' first, or use -f");
            }
            mounts.unmount(image.id());
        }
        for (String removed : store.images().untagAll(image.id())) {
            context.out.println("Untagged: " + familiar(ImageReference.parse(removed)));
        }
    }

    /** The reference {@code name} names in the store, if it is one (not an id). */
    private static Optional<ImageReference> reference(Store store, String name) throws StoreException {
        try {
            ImageReference ref = ImageReference.parse(name);
            Optional<TagEntry> entry = store.images().lookup(ref);
            return entry.isPresent() ? Optional.of(ref) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String familiar(ImageReference ref) {
        return ref.familiarName() + (ref.digest() != null ? "@" + ref.digest() : ":" + ref.tag());
    }
}
