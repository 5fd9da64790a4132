package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.ImageService;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker rmi}: removes references, then the images no reference names any more, then
 * the blobs and layers no image uses; what it refuses is {@link ImageService#untag}'s to say.
 */
final class RmiCommand implements CodedCommand {
    boolean force;
    final List<String> images = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "rmi", "Remove one or more images.");
        spec.addOption(flag("Remove the image even if several references or a mount use it.", v -> force = v,
                "-f", "--force"));
        spec.addPositional(positionals("0..*", "1..*", "IMAGE", null, images));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException {
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
