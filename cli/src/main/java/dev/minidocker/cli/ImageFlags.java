package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.puller.PullException;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** How {@code run} and {@code create} find their image: Docker's {@code --pull} policy. */
final class ImageFlags {
    String pull = "missing";
    String platform;
    boolean quiet;

    /** These flags in {@code spec} (see {@link CodedOptions}). */
    void addTo(CommandSpec spec) {
        spec.addOption(value(String.class, "always|missing|never",
                "Pull the image before running: always, missing (default) or never.", v -> pull = v, "--pull"));
        spec.addOption(value(String.class, "OS/ARCH[/VARIANT]", "Platform to pull.", v -> platform = v, "--platform"));
        spec.addOption(flag("Suppress the pull output.", v -> quiet = v, "-q", "--quiet"));
    }

    /** The image in the store, pulled first as the policy says; "missing" needs no network when it is there. */
    ImageRecord resolve(Context context, String name) throws CliException, StoreException, PullException {
        if (!pull.equals("always") && !pull.equals("missing") && !pull.equals("never")) {
            throw new CliException("invalid pull policy \"" + pull + "\": always, missing or never", ExitCodes.ENGINE);
        }
        Optional<ImageRecord> present = pull.equals("always") ? Optional.empty() : context.store().findImage(name);
        if (present.isPresent()) {
            return present.get();
        }
        ImageReference ref = References.parse(name);
        if (pull.equals("never")) {
            throw new CliException("No such image: " + ref.familiarName() + ":" + ref.manifestReference(), ExitCodes.ENGINE);
        }
        if (pull.equals("missing") && !quiet) {
            context.err.println("Unable to find image '" + RmiCommand.familiar(ref) + "' locally");
        }
        PullFlags pullFlags = new PullFlags();
        pullFlags.quiet = quiet;
        pullFlags.platform = platform;
        return PullCommand.pull(context, name, pullFlags).image();
    }
}
