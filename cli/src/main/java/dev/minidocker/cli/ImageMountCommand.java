package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker image mount}: prints the path of a read-only view of the image's root filesystem. */
final class ImageMountCommand implements CodedCommand {
    String image;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "mount", "Mount an image's root filesystem read-only and print its path.");
        spec.addPositional(positional("0", "IMAGE", null, v -> image = v));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, CliException {
        context.out.println(context.imageMounts().mount(context.image(image)));
        return ExitCodes.OK;
    }
}
