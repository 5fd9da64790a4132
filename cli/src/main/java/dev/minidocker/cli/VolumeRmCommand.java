package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.volume.VolumeService;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker volume rm}: each volume as named, or its error (in use, missing); status 1 if any failed. */
final class VolumeRmCommand implements CodedCommand {
    boolean force;
    final List<String> names = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "rm", "Remove one or more volumes.");
        spec.addOption(flag("Do not fail on a volume that does not exist.", v -> force = v, "-f", "--force"));
        spec.addPositional(positionals("0..*", "1..*", "VOLUME", null, names));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException {
        VolumeService volumes = context.volumes();
        int status = ExitCodes.OK;
        for (String name : names) {
            try {
                volumes.remove(name, force);
                context.out.println(name);
            } catch (LaunchException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
