package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.ForegroundRun;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import dev.minidocker.launcher.plan.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker run-command CMD [ARG...]}: the seed's command. CMD runs with the same isolation
 * as {@code run}, in the root filesystem named by {@code MINIDOCKER_DEFAULT_FS} (a directory, used
 * read-only as the overlay's lower layer: the container's writes do not reach it).
 */
final class RunInDirectoryCommand implements CodedCommand {
    static final String DEFAULT_FS = "MINIDOCKER_DEFAULT_FS";

    final ContainerFlags flags = new ContainerFlags();
    boolean detach;
    boolean dryRun;
    final List<String> command = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = ContainerArguments.command(this, "run-command",
                "Run a command isolated in the root filesystem named by $" + DEFAULT_FS + ".");
        flags.addTo(spec);
        spec.addOption(flag("Run the container in the background and print its id.", v -> detach = v,
                "-d", "--detach"));
        spec.addOption(flag("Print the container's runtime spec (an OCI config.json) and run nothing.",
                v -> dryRun = v, "--dry-run"));
        spec.addPositional(positionals("0..*", "1..*", "CMD", null, command));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, InterruptedException {
        String fs = System.getenv(DEFAULT_FS);
        if (fs == null || fs.isBlank()) {
            throw new CliException(DEFAULT_FS + " is not set: name the root filesystem directory to run in",
                    ExitCodes.ENGINE);
        }
        Path rootfs = Path.of(fs).toAbsolutePath().normalize();
        if (!Files.isDirectory(rootfs)) {
            throw new CliException(DEFAULT_FS + "=" + fs + " is not a directory", ExitCodes.ENGINE);
        }
        try {
            Source source = new Source.Directory(rootfs);
            if (dryRun) {
                return DryRun.print(context, source, flags.toOptions(command));
            }
            Starter starter = context.starter(flags.explain);
            if (detach) {
                return DetachedRun.run(context, starter, () -> source, flags.toOptions(command));
            }
            return new ForegroundRun(starter, Syscalls.system(), context.err).run(() -> source, flags.toOptions(command));
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), e.exitStatus());
        } catch (StoreException e) {
            throw new CliException(e.getMessage(), ExitCodes.ENGINE);
        }
    }
}
