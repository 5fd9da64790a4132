package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;

import dev.minidocker.puller.PullException;
import dev.minidocker.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker-puller IMAGE}: the pull stage alone. Prints the digest the reference resolved to
 * on stdout and progress on stderr, so that {@code minidocker-puller busybox | ...} composes.
 */
public final class PullerMain implements CodedCommand {
    final GlobalOptions options = new GlobalOptions();
    final PullFlags flags = new PullFlags();
    String image;

    public static void main(String[] args) {
        PullerMain puller = new PullerMain();
        System.exit(Main.run(new CommandLine(puller.spec()), "minidocker-puller", puller.options,
                () -> new Context(puller.options, System.out, System.err), args));
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "minidocker-puller",
                "Fetch an image into the store and print its digest.").version(Main.VERSION);
        spec.addOption(CodedOptions.versionOption());
        options.addTo(spec);
        flags.addTo(spec);
        spec.addPositional(positional("0", "IMAGE", "NAME[:TAG|@DIGEST]", v -> image = v));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, PullException, StoreException {
        context.out.println(PullCommand.pull(context, image, flags).digest());
        return ExitCodes.OK;
    }
}
