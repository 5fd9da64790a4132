package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker image unmount}: removes the view that {@code image mount} made; prints the image id. */
final class ImageUnmountCommand implements CodedCommand {
    final List<String> images = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "unmount", "Unmount an image's root filesystem.");
        spec.addPositional(positionals("0..*", "1..*", "IMAGE", null, images));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, CliException {
        for (String name : images) {
            ImageRecord image = context.image(name);
            context.imageMounts().unmount(image.id());
            context.out.println(image.id().hex());
        }
        return ExitCodes.OK;
    }
}
