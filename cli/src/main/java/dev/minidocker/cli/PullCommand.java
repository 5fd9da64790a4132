package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;

import dev.minidocker.puller.PullException;
import dev.minidocker.puller.PullOptions;
import dev.minidocker.puller.PullResult;
import dev.minidocker.puller.Puller;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.oci.Platform;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker pull}: progress on stderr, the pulled reference on stdout. */
final class PullCommand implements CodedCommand {
    final PullFlags flags = new PullFlags();
    String image;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "pull", "Download an image from a registry.");
        flags.addTo(spec);
        spec.addPositional(positional("0", "IMAGE", "NAME[:TAG|@DIGEST]", v -> image = v));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, PullException, StoreException {
        PullResult result = pull(context, image, flags);
        context.out.println(result.reference());
        return ExitCodes.OK;
    }

    /** A pull as {@code pull} and {@code minidocker-puller} make it. */
    static PullResult pull(Context context, String image, PullFlags flags)
            throws CliException, PullException, StoreException {
        ImageReference ref = References.parse(image);
        PullOptions options;
        try {
            options = new PullOptions(flags.platform == null ? Platform.current() : Platform.parse(flags.platform),
                    flags.maxConcurrentDownloads);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
        try (RegistryClient registry = context.registry()) {
            return new Puller(context.store(), registry, options, context.progress(flags.quiet)).pull(ref);
        }
    }
}
