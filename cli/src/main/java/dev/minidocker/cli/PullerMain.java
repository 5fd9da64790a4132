package dev.minidocker.cli;

import dev.minidocker.puller.PullException;
import dev.minidocker.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code minidocker-puller IMAGE}: the pull stage alone. Prints the digest the reference resolved to
 * on stdout and progress on stderr, so that {@code minidocker-puller busybox | ...} composes.
 */
@Command(name = "minidocker-puller", mixinStandardHelpOptions = true, version = "minidocker 0.1.0",
        description = "Fetch an image into the store and print its digest.")
public final class PullerMain implements Callable<Integer> {
    /** Declared in code, as {@code minidocker}'s (see {@link CodedOptions}), and added to this command's model. */
    final GlobalOptions options = new GlobalOptions();

    @Mixin
    PullFlags flags = new PullFlags();

    @Parameters(paramLabel = "IMAGE", description = "NAME[:TAG|@DIGEST]")
    String image;

    public static void main(String[] args) {
        PullerMain puller = new PullerMain();
        CommandLine cli = new CommandLine(puller);
        puller.options.addTo(cli.getCommandSpec());
        System.exit(Main.run(cli, "minidocker-puller", puller.options, args));
    }

    @Override
    public Integer call() throws CliException, PullException, StoreException {
        Context context = new Context(options, System.out, System.err);
        context.out.println(PullCommand.pull(context, image, flags).digest());
        return ExitCodes.OK;
    }
}
