package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;

import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.TagEntry;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker tag SOURCE TARGET}: TARGET names SOURCE's image too; prints nothing, as Docker's. */
final class TagCommand implements CodedCommand {
    String source;
    String target;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.");
        spec.addPositional(positional("0", "SOURCE_IMAGE[:TAG]", null, v -> source = v));
        spec.addPositional(positional("1", "TARGET_IMAGE[:TAG]", null, v -> target = v));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException {
        ImageReference ref = References.parse(target);
        if (ref.digest() != null) {
            throw new CliException("refusing to create a tag with a digest reference");
        }
        ImageRecord image = context.image(source);
        // The manifest stays the image's own: a tag made here was never pulled by another digest.
        context.store().images().tag(ref, new TagEntry(image.manifestDigest(), image.id()));
        return ExitCodes.OK;
    }
}
