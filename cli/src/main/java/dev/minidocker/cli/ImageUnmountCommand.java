package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.StoreException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker image unmount}: removes the view that {@code image mount} made; prints the image id. */
@Command(name = "unmount", mixinStandardHelpOptions = true, aliases = "umount", description = "Unmount an image's root filesystem.")
final class ImageUnmountCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    public Integer call() throws StoreException, LaunchException, CliException {
        Context context = parent.context();
        for (String name : images) {
            ImageRecord image = context.image(name);
            context.imageMounts().unmount(image.id());
            context.out.println(image.id().hex());
        }
        return ExitCodes.OK;
    }
}
