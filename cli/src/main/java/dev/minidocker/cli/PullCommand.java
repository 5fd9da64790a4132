package dev.minidocker.cli;

import dev.minidocker.puller.PullException;
import dev.minidocker.puller.PullOptions;
import dev.minidocker.puller.PullResult;
import dev.minidocker.puller.Puller;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.oci.Platform;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker pull}: progress on stderr, the pulled reference on stdout. */
@Command(name = "pull", mixinStandardHelpOptions = true, description = "Download an image from a registry.")
final class PullCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Mixin
    PullFlags flags = new PullFlags();

    @Parameters(paramLabel = "IMAGE", description = "NAME[:TAG|@DIGEST]")
    String image;

    @Override
    public Integer call() throws CliException, PullException, StoreException {
        PullResult result = pull(parent.context(), image, flags);
        parent.context().out.println(result.reference());
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
