package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.Networks;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker network rm}: each network as named, or its error; status 1 if any failed. */
final class NetworkRmCommand implements CodedCommand {
    final List<String> names = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "rm", "Remove one or more networks.");
        spec.addPositional(positionals("0..*", "1..*", "NETWORK", null, names));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException {
        Networks networks = context.networks();
        int status = ExitCodes.OK;
        for (String name : names) {
            try {
                networks.remove(networks.find(name));
                context.out.println(name);
            } catch (LaunchException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
