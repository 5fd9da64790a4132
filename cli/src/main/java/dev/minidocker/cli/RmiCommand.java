package dev.minidocker.cli;

import dev.minidocker.launcher.ImageService;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker rmi}: removes references, then the images no reference names any more, then
 * the blobs and layers no image uses; what it refuses is {@link ImageService#untag}'s to say.
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
        ImageService service = context.images();
        int status = ExitCodes.OK;
        for (String name : images) {
            try {
                service.untag(name, force).forEach(ref -> context.out.println("Untagged: " + familiar(ref)));
            } catch (LaunchException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        service.collectGarbage().images().forEach(id -> context.out.println("Deleted: " + id));
        return status;
    }

    static String familiar(ImageReference ref) {
        return ref.familiarName() + (ref.digest() != null ? "@" + ref.digest() : ":" + ref.tag());
    }
}
