package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker image mount}: prints the path of a read-only view of the image's root filesystem. */
@Command(name = "mount", mixinStandardHelpOptions = true, description = "Mount an image's root filesystem read-only and print its path.")
final class ImageMountCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Parameters(paramLabel = "IMAGE")
    String image;

    @Override
    public Integer call() throws StoreException, LaunchException, CliException {
        Context context = parent.context();
        context.out.println(context.imageMounts().mount(context.image(image)));
        return ExitCodes.OK;
    }
}
